package dev.weft.runtime.blocking;

import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Waker;

import java.util.concurrent.Callable;

/**
 * The future of a task that waits for a call on the blocking pool: the first poll submits the
 * call; the pool thread stores the outcome and wakes the task. Closing it (abort, shutdown)
 * interrupts a call still running.
 *
 * <p>Thread roles: {@link #waker} and {@link #handle} are written by the polling worker before
 * the call is submitted (the pool's queue hand-off publishes them); {@link #done} is written by
 * the pool thread after {@link #value}/{@link #error} (release) and read by the poller (acquire).
 */
public final class BlockingCall<T> implements Future<T>, AutoCloseable {

    private final BlockingPool pool;
    private final Callable<T> call;
    /** Poller only. */
    private java.util.concurrent.Future<?> handle;
    /** Written by the poller before submit; read by the pool thread. */
    private Waker waker;
    private T value;
    private Throwable error;
    /** ordering: volatile; the pool thread's write releases value/error, the poller's read acquires them. */
    private volatile boolean done;

    public BlockingCall(BlockingPool pool, Callable<T> call) {
        this.pool = pool;
        this.call = call;
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (done) {
            if (error != null) {
                throw new BlockingCallException(error);
            }
            return Poll.ready(value);
        }
        if (handle == null) {
            waker = cx.waker();
            handle = pool.submit(this::runOnPool);
        }
        return Poll.pending();
    }

    private void runOnPool() {
        try {
            value = call.call();
        } catch (Throwable e) {
            error = e;
        }
        done = true;
        waker.wake();
    }

    @Override
    public void close() {
        if (handle != null && !done) {
            handle.cancel(true);
        }
    }

    /** What a blocking call threw, as the failure of its task. */
    public static final class BlockingCallException extends RuntimeException {
        BlockingCallException(Throwable cause) {
            super("blocking call failed: " + cause, cause);
        }
    }
}
