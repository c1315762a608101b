package dev.weft.runtime;

import dev.weft.runtime.task.Task;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The handle to a spawned task: await its output (as a future or by blocking), abort it, or ask
 * whether it is done.
 *
 * <p>As a future it may be polled by one task at a time. A failure of the task surfaces as a
 * {@link JoinException} thrown by {@link #poll} and {@link #join()}; a cancelled task likewise,
 * with {@link JoinException#isCancelled()}.
 */
public final class JoinHandle<T> implements Future<T> {

    private final Task<T> task;

    JoinHandle(Task<T> task) {
        this.task = task;
    }

    public long taskId() {
        return task.id();
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (!cx.consumeBudget()) {
            return Poll.pending();
        }
        return task.pollJoin(cx);
    }

    /**
     * Blocks the calling thread until the task ends and returns its value.
     *
     * @throws JoinException when the task failed or was cancelled
     * @throws IllegalStateException on a Weft worker thread, which must not block (poll instead)
     */
    public T join() {
        try {
            return join(-1);
        } catch (TimeoutException impossible) {
            throw new AssertionError(impossible);
        }
    }

    /** As {@link #join()}, giving up after {@code timeout}. */
    public T join(Duration timeout) throws TimeoutException {
        return join(timeout.toNanos());
    }

    private T join(long timeoutNanos) throws TimeoutException {
        Runtime.checkNotOnWorker("JoinHandle.join()");
        ThreadWaker waker = new ThreadWaker(Thread.currentThread());
        Context cx = new Context(waker);
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            Poll<T> p = task.pollJoin(cx);
            if (p instanceof Poll.Ready<T> ready) {
                return ready.value();
            }
            long left = timeoutNanos < 0 ? -1 : deadline - System.nanoTime();
            if (timeoutNanos >= 0 && left <= 0) {
                throw new TimeoutException("task " + task.id() + " not done after " + Duration.ofNanos(timeoutNanos));
            }
            ThreadWaker.checkInterrupt("JoinHandle.join()");
            waker.park(left);
        }
    }

    /**
     * Requests cancellation. The task is not polled again; its cleanup runs exactly once on a
     * worker, and a join then throws a cancelled {@link JoinException}. No effect once done.
     */
    public void abort() {
        task.abort();
    }

    public boolean isDone() {
        return task.isComplete();
    }

    /** True when the task ended by cancellation (abort or runtime shutdown). */
    public boolean isCancelled() {
        return task.isCancelled();
    }

    /** Lets the task run on without anyone reading its output. */
    public void detach() {
        task.detachJoin();
    }

    @Override
    public String toString() {
        return "JoinHandle[" + task + "]";
    }
}
