package dev.weft.runtime.driver;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link Driver} without I/O: parks the owner thread with {@link LockSupport}.
 *
 * <p>State machine (Tokio's {@code park.rs}, on LockSupport instead of a condvar):
 * <ol>
 *   <li>EMPTY -> PARKED: the owner is about to sleep (CAS by the owner).</li>
 *   <li>EMPTY -> NOTIFIED: unpark before park; the next park consumes it and returns.</li>
 *   <li>PARKED -> NOTIFIED: unpark while sleeping; the unparker then calls LockSupport.unpark.</li>
 *   <li>The owner, waking for any reason, swaps the state back to EMPTY.</li>
 * </ol>
 * No notification is lost: an unpark either finds EMPTY (1 or 2 sees it) or PARKED, after the
 * owner published that it sleeps, and LockSupport's permit covers the gap before the sleep.
 */
public final class ThreadParker implements Driver {

    private static final int EMPTY = 0;
    private static final int PARKED = 1;
    private static final int NOTIFIED = 2;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(ThreadParker.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** CAS by the owner (EMPTY->PARKED) and unparkers (->NOTIFIED); swapped to EMPTY by the owner. */
    @SuppressWarnings("unused")
    private volatile int state;
    /** Written once by the owner at its first park; read by unparkers after they see PARKED. */
    private volatile Thread owner;

    @Override
    public void park(long timeoutNanos) {
        // ordering: volatile CAS; if it sees NOTIFIED it acquires what the unparker published.
        if (STATE.compareAndSet(this, NOTIFIED, EMPTY) || timeoutNanos == 0) {
            return;
        }
        if (owner == null) {
            owner = Thread.currentThread();
        }
        // ordering: volatile CAS publishes PARKED (and owner, written before it) to unpark().
        if (!STATE.compareAndSet(this, EMPTY, PARKED)) {
            // An unpark slipped in between: consume it.
            // ordering: volatile store; consumes the NOTIFIED an unparker set since the first CAS.
            STATE.setVolatile(this, EMPTY);
            return;
        }
        if (timeoutNanos < 0) {
            LockSupport.park(this);
        } else {
            LockSupport.parkNanos(this, timeoutNanos);
        }
        // ordering: volatile swap; acquires the unparker's writes when it set NOTIFIED.
        STATE.getAndSet(this, EMPTY);
    }

    @Override
    public void unpark() {
        // ordering: volatile swap releases the caller's writes (queued tasks) to the owner.
        int prev = (int) STATE.getAndSet(this, NOTIFIED);
        if (prev == PARKED) {
            LockSupport.unpark(owner);
        }
    }

    @Override
    public void close() {}
}
