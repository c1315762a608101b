package dev.weft.runtime.time;

import dev.weft.runtime.Future;

import java.time.Duration;
import java.util.Objects;

/**
 * Entry point of the timers (Tokio's {@code tokio::time}): sleeps, timeouts and intervals. The
 * futures must be polled inside a Weft runtime (a task or {@code blockOn}), whose workers fire
 * them; resolution is 1 ms and nothing completes before its deadline.
 *
 * <pre>{@code
 * rt.blockOn(Time.sleep(Duration.ofMillis(20)));
 * String v = rt.blockOn(Time.timeout(fetch(), Duration.ofSeconds(1)));   // or Elapsed
 * }</pre>
 */
public final class Time {

    /** Longest delay honoured (about 146 years); longer ones are clamped so deadlines never overflow. */
    static final long MAX_DELAY_NANOS = 1L << 62;

    private Time() {}

    /** A sleep that completes {@code duration} from now. */
    public static Sleep sleep(Duration duration) {
        return new Sleep(deadlineAfter(duration, "duration"));
    }

    /** A sleep that completes once {@link System#nanoTime()} reaches {@code deadlineNanos}. */
    public static Sleep sleepUntil(long deadlineNanos) {
        return new Sleep(deadlineNanos);
    }

    /** {@code future}, failing with {@link Elapsed} if it is not ready within {@code duration} from now. */
    public static <T> Timeout<T> timeout(Future<T> future, Duration duration) {
        Objects.requireNonNull(future, "future");
        return new Timeout<>(future, new Sleep(deadlineAfter(duration, "duration")), duration);
    }

    /** An interval whose first tick is now and whose ticks follow every {@code period}. */
    public static Interval interval(Duration period) {
        Objects.requireNonNull(period, "period");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive, was " + period);
        }
        return new Interval(System.nanoTime(), clampedNanos(period));
    }

    private static long deadlineAfter(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + duration);
        }
        return System.nanoTime() + clampedNanos(duration);
    }

    private static long clampedNanos(Duration d) {
        if (d.getSeconds() >= MAX_DELAY_NANOS / 1_000_000_000L) {
            return MAX_DELAY_NANOS;
        }
        return Math.min(d.toNanos(), MAX_DELAY_NANOS);
    }

    static long saturatedAdd(long instantNanos, long deltaNanos) {
        long sum = instantNanos + deltaNanos;
        return ((instantNanos ^ sum) & (deltaNanos ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
