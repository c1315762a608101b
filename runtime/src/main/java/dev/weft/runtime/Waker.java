package dev.weft.runtime;

/**
 * Wakes a pending task so that it is polled again.
 *
 * <p>Waking is idempotent while the task is queued: however many threads wake it, it is queued
 * once. A wake that races with a poll in progress makes the task be polled again after it.
 * Safe to call from any thread, any number of times; never blocks.
 */
@FunctionalInterface
public interface Waker {

    void wake();

    /** A waker that does nothing: for futures polled in a loop by their caller. */
    static Waker noop() {
        return NoopWaker.INSTANCE;
    }
}

final class NoopWaker implements Waker {
    static final NoopWaker INSTANCE = new NoopWaker();

    @Override
    public void wake() {}
}
