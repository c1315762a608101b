package dev.weft.runtime.time;

import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Waker;

/**
 * A future that completes once {@link System#nanoTime()} passes a deadline (Tokio's
 * {@code Sleep}). Created by {@link Time#sleep} and {@link Time#sleepUntil}; the deadline is fixed
 * at creation.
 *
 * <p>On its first poll it registers with {@code cx.timers()}, the timers of the polling worker,
 * and it fires there even if its task later moves (see the waker protocol in
 * {@code package-info.java}). A deadline already past completes at once without registering.
 * Completing spends one unit of the cooperative budget; waiting spends none.
 *
 * <p>Thread roles: polled and closed by one task at a time (the task's state hand-off orders
 * successive polls); fired by the driver's owner. Close it to cancel the timer: a task whose
 * future is this sleep does so when it ends, so aborting a sleeping task frees its timer.
 */
public final class Sleep implements Future<Void>, AutoCloseable {

    private final long deadlineNanos;
    private final WakerEntry entry = new WakerEntry();
    /** Poller only. The timers the entry is registered with, or null before the first registration. */
    private TimeDriver driver;
    /** Poller only. The waker last stored in the entry, to skip the volatile store when unchanged. */
    private Waker storedWaker;

    Sleep(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** The {@link System#nanoTime()} instant this sleep completes at or after. */
    public long deadlineNanos() {
        return deadlineNanos;
    }

    @Override
    public Poll<Void> poll(Context cx) {
        if (!pollElapsed(cx)) {
            return Poll.pending();
        }
        if (!cx.consumeBudget()) {
            return Poll.pending();
        }
        return Poll.readyVoid();
    }

    /**
     * Whether the deadline has passed; when not, arranges for {@code cx.waker()} to be woken when it
     * does. Spends no budget ({@link Timeout} checks its deadline even when the inner future spent it).
     */
    boolean pollElapsed(Context cx) {
        if (entry.lvFired()) {
            return true;
        }
        Waker waker = cx.waker();
        if (driver == null) {
            if (System.nanoTime() - deadlineNanos >= 0) {
                return true;
            }
            // Protocol step 1 before the entry is visible to the owner: register() publishes it.
            entry.svWaker(waker);
            storedWaker = waker;
            driver = cx.timers();
            driver.register(entry, deadlineNanos);
            return false;
        }
        if (waker != storedWaker) {
            entry.svWaker(waker);
            storedWaker = waker;
            // Protocol step 2: a fire that read the old waker has set fired before.
            return entry.lvFired();
        }
        return false;
    }

    /** Cancels the timer if it has not fired. Idempotent; the sleep must not be polled afterwards. */
    @Override
    public void close() {
        if (driver != null) {
            driver.cancel(entry);
        }
    }

    @Override
    public String toString() {
        return "Sleep[deadlineNanos=" + deadlineNanos + ", fired=" + entry.lvFired() + "]";
    }
}
