package dev.weft.bench;

import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Waker;

import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/**
 * {@code Runtime.blockOn} with a deadline: drives a future on the calling (outside) thread and
 * throws {@link Bench.DidNotFinish} when it is not ready in time. Used by one outside thread at a time;
 * reusable, allocates nothing per call.
 */
final class TimedBlockOn implements Waker {

    /** The outside thread driving the future; written by it at the start of each run(). */
    private volatile Thread thread;
    private final Context cx = new Context(this);
    /** Set by any thread in wake(); cleared by the owner before each poll. */
    private volatile boolean woken;

    @Override
    public void wake() {
        woken = true;
        LockSupport.unpark(thread);
    }

    void run(Future<?> future, String what, IntSupplier outstanding) {
        thread = Thread.currentThread();
        long deadline = Bench.deadline();
        while (true) {
            woken = false;
            if (future.poll(cx) instanceof Poll.Ready<?>) {
                return;
            }
            while (!woken) {
                long rest = deadline - System.nanoTime();
                if (rest <= 0) {
                    throw new Bench.DidNotFinish(what, outstanding.getAsInt());
                }
                LockSupport.parkNanos(this, rest);
            }
        }
    }
}
