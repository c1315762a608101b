package dev.weft.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * Wakes one thread that polls a future in a loop and parks between polls (blockOn, join).
 *
 * <p>Protocol: the thread polls; on Pending it calls {@link #park(long)}, which consumes a
 * pending notification or parks until {@link #wake()} sets one. A wake that lands between the
 * poll and the park is not lost, because park checks the flag first.
 */
final class ThreadWaker implements Waker {

    private static final VarHandle NOTIFIED;

    static {
        try {
            NOTIFIED = MethodHandles.lookup().findVarHandle(ThreadWaker.class, "notified", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Thread thread;
    /** Set by any waking thread; cleared by the owner thread in park(). */
    @SuppressWarnings("unused")
    private volatile boolean notified;

    ThreadWaker(Thread thread) {
        this.thread = thread;
    }

    @Override
    public void wake() {
        // ordering: volatile set; pairs with the getAndSet in park(). The flag is set before
        // unpark, so a park that misses the permit still sees the flag.
        NOTIFIED.setVolatile(this, true);
        LockSupport.unpark(thread);
    }

    /**
     * Throws when the calling thread was interrupted, leaving its interrupt flag set, so that a
     * thread blocked on a future can be stopped the usual Java way.
     */
    static void checkInterrupt(String what) {
        if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException(what + " interrupted; the future was left as it was");
        }
    }

    /** Parks the owner until woken or {@code timeoutNanos} passes (negative: no timeout). */
    void park(long timeoutNanos) {
        // ordering: volatile getAndSet consumes the notification; pairs with wake().
        if ((boolean) NOTIFIED.getAndSet(this, false)) {
            return;
        }
        if (timeoutNanos < 0) {
            LockSupport.park(this);
        } else if (timeoutNanos > 0) {
            LockSupport.parkNanos(this, timeoutNanos);
        }
        // ordering: volatile store; clears a notification that woke this park. A wake after it
        // sets the flag again, so none is lost.
        NOTIFIED.setVolatile(this, false);
    }
}
