package dev.weft.bench;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A reusable count-down that one outside thread awaits with a deadline (the workloads' mpsc
 * "done" channel and shared {@code rem} counter in one). Allocates nothing per use.
 */
final class Done {

    /** Written by tasks (decrement) and by the awaiting thread (reset). */
    private final AtomicInteger left = new AtomicInteger();
    /** Written by the awaiting thread in reset(); read by the task that counts down to zero. */
    private volatile Thread waiter;

    /** Arms the count; called by the awaiting thread before it starts the operation. */
    void reset(int count) {
        waiter = Thread.currentThread();
        left.set(count);
    }

    void countDown() {
        if (left.decrementAndGet() == 0) {
            LockSupport.unpark(waiter);
        }
    }

    /**
     * Waits for the count to reach zero; throws {@link Bench.DidNotFinish} at the deadline, with
     * the Weft runtime's metrics when {@code ex} is Weft (where the stranded work sits).
     */
    void await(String what, Executor ex) {
        try {
            await(what);
        } catch (Bench.DidNotFinish e) {
            if (ex.rt == null) {
                throw e;
            }
            throw new Bench.DidNotFinish(e.getMessage() + "; " + Bench.weftDiagnostics(ex.rt));
        }
    }

    /** Waits for the count to reach zero; throws {@link Bench.DidNotFinish} at the deadline. */
    void await(String what) {
        long deadline = Bench.deadline();
        int n;
        while ((n = left.get()) > 0) {
            long rest = deadline - System.nanoTime();
            if (rest <= 0) {
                throw new Bench.DidNotFinish(what, n);
            }
            LockSupport.parkNanos(this, rest);
        }
    }
}
