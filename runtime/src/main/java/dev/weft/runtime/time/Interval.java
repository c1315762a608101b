package dev.weft.runtime.time;

import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;

import java.time.Duration;

/**
 * Ticks at a fixed period (Tokio's {@code Interval}). Created by {@link Time#interval}; the first
 * tick completes at once, tick {@code k} at {@code start + k * period}.
 *
 * <p>Missed ticks: Burst, Tokio's default. Ticks stay on the original schedule; when the task
 * falls behind (ticks were not awaited in time), every missed tick completes immediately, one
 * per {@link #tick()}, until the interval has caught up. So over a long run the count of ticks
 * matches the elapsed time, at the cost of a burst of back-to-back ticks after a stall.
 *
 * <p>Thread roles: one task at a time awaits its ticks. Close it (or let a task whose future
 * closes it end) to cancel a pending tick's timer.
 */
public final class Interval implements AutoCloseable {

    private final long periodNanos;
    /** Poller only. Scheduled instant of the next tick. */
    private long nextTickNanos;
    /** Poller only. The sleep until the next tick while one is being awaited, or null. */
    private Sleep pending;

    Interval(long startNanos, long periodNanos) {
        this.nextTickNanos = startNanos;
        this.periodNanos = periodNanos;
    }

    public Duration period() {
        return Duration.ofNanos(periodNanos);
    }

    /**
     * A future for the next tick; its value is the tick's scheduled {@link System#nanoTime()}
     * instant. Dropping it before it completes loses nothing: the next call awaits the same tick.
     */
    public Future<Long> tick() {
        return this::pollTick;
    }

    /** Polls for the next tick; the body of the futures {@link #tick()} returns. */
    public Poll<Long> pollTick(Context cx) {
        Sleep sleep = pending;
        if (sleep == null) {
            sleep = new Sleep(nextTickNanos);
            pending = sleep;
        }
        if (sleep.poll(cx).isPending()) {
            return Poll.pending();
        }
        pending = null;
        long tick = nextTickNanos;
        nextTickNanos = Time.saturatedAdd(tick, periodNanos);
        return Poll.ready(tick);
    }

    /** Cancels the timer of a tick being awaited. Idempotent. */
    @Override
    public void close() {
        Sleep sleep = pending;
        if (sleep != null) {
            pending = null;
            sleep.close();
        }
    }
}
