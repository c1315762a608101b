package dev.weft.runtime;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The handle to a spawned task: await its output (as a future or by blocking), abort it, or ask
 * whether it is done. The task itself implements it, so spawning allocates no separate handle.
 *
 * <p>As a future it may be polled by one task at a time. A failure of the task surfaces as a
 * {@link JoinException} thrown by {@link #poll} and {@link #join()}; a cancelled task likewise,
 * with {@link JoinException#isCancelled()}.
 */
public interface JoinHandle<T> extends Future<T> {

    long taskId();

    /**
     * Polls for the output without spending budget; {@link #poll} is this plus one budget unit.
     * Throws {@link JoinException} when the task failed or was cancelled.
     */
    Poll<T> pollJoin(Context cx);

    @Override
    default Poll<T> poll(Context cx) {
        if (!cx.consumeBudget()) {
            return Poll.pending();
        }
        return pollJoin(cx);
    }

    /**
     * Requests cancellation. The task is not polled again; its cleanup runs exactly once on a
     * worker, and a join then throws a cancelled {@link JoinException}. No effect once done.
     */
    void abort();

    boolean isDone();

    /** True when the task ended by cancellation (abort or runtime shutdown). */
    boolean isCancelled();

    /** Lets the task run on without anyone reading its output. */
    void detach();

    /**
     * Blocks the calling thread until the task ends and returns its value.
     *
     * @throws JoinException when the task failed or was cancelled
     * @throws IllegalStateException on a Weft worker thread, which must not block (poll
     *     instead), or when the calling thread is interrupted
     */
    default T join() {
        try {
            return BlockingJoin.join(this, -1);
        } catch (TimeoutException impossible) {
            throw new AssertionError(impossible);
        }
    }

    /** As {@link #join()}, giving up after {@code timeout}. */
    default T join(Duration timeout) throws TimeoutException {
        return BlockingJoin.join(this, timeout.toNanos());
    }
}

/** The blocking side of {@link JoinHandle#join()}: poll, park, repeat. */
final class BlockingJoin {

    private BlockingJoin() {}

    static <T> T join(JoinHandle<T> handle, long timeoutNanos) throws TimeoutException {
        Runtime.checkNotOnWorker("JoinHandle.join()");
        ThreadWaker waker = new ThreadWaker(Thread.currentThread());
        Context cx = new Context(waker);
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            Poll<T> p = handle.pollJoin(cx);
            if (p instanceof Poll.Ready<T> ready) {
                return ready.value();
            }
            long left = timeoutNanos < 0 ? -1 : deadline - System.nanoTime();
            if (timeoutNanos >= 0 && left <= 0) {
                throw new TimeoutException("task " + handle.taskId() + " not done after " + Duration.ofNanos(timeoutNanos));
            }
            ThreadWaker.checkInterrupt("JoinHandle.join()");
            waker.park(left);
        }
    }
}
