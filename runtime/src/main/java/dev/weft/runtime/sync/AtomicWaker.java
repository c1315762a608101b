package dev.weft.runtime.sync;

import dev.weft.runtime.Waker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One waker slot that a single registrant (the task polling a receiver) and any number of wakers
 * (senders) may use concurrently without a lock: Tokio's {@code AtomicWaker}
 * ({@code tokio/src/sync/task/atomic_waker.rs}).
 *
 * <p>Progress: {@link #wake()} is wait-free; {@link #register(Waker)} is wait-free.
 * Thread roles: one registrant at a time (callers serialize {@code register}); any thread wakes.
 *
 * <h2>Protocol</h2>
 * The state word is WAITING (0), or has REGISTERING and/or WAKING set; the bits act as a lock on
 * {@link #waker}.
 * <ol>
 *   <li>register: CAS WAITING to REGISTERING, store the waker, then CAS REGISTERING back to
 *       WAITING. If that CAS fails, a wake arrived meanwhile (WAKING is set): take the waker,
 *       reset to WAITING and wake it ourselves.</li>
 *   <li>register finding WAKING set (a wake is taking the old waker): wake the new waker
 *       directly, since the wake may have read the old one.</li>
 *   <li>wake: OR in WAKING. If the previous state was WAITING, we own the slot: take the waker,
 *       clear WAKING, wake it. Otherwise the registrant (step 1) or another waker handles it.</li>
 * </ol>
 * Correct because every wake either takes the slot (and sees the latest completed register) or
 * leaves WAKING set, which the registrant observes in its closing CAS of step 1, so no wake that
 * happens after a register starts is lost.
 */
public final class AtomicWaker {

    private static final int WAITING = 0;
    /** Set by the registrant while it writes {@link #waker}. */
    private static final int REGISTERING = 1;
    /** Set by a waker that will take (or has handed off) the stored waker. */
    private static final int WAKING = 2;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(AtomicWaker.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** WAITING or a mix of REGISTERING/WAKING; any thread, only through STATE. */
    private volatile int state;
    /** Written by the holder of REGISTERING, read and cleared by the holder of WAKING (see protocol). */
    private Waker waker;

    /** Stores {@code w} as the waker to wake; wakes it at once if a wake races with it. */
    public void register(Waker w) {
        // ordering: volatile CAS; acquires the slot, pairs with the releasing CAS/AND below.
        int prev = (int) STATE.compareAndExchange(this, WAITING, REGISTERING);
        if (prev == WAITING) {
            waker = w;
            // ordering: volatile CAS; releases the waker write to a later wake()'s getAndBitwiseOr.
            int now = (int) STATE.compareAndExchange(this, REGISTERING, WAITING);
            if (now != REGISTERING) {
                // Step 1, failed CAS: a wake set WAKING meanwhile and left the waker to us.
                assert now == (REGISTERING | WAKING) : "unexpected state " + now;
                Waker taken = waker;
                waker = null;
                // ordering: volatile store; releases the slot to the next register/wake.
                state = WAITING;
                taken.wake();
            }
        } else if ((prev & WAKING) != 0) {
            // Step 2: a concurrent wake is in progress; it may not see w.
            w.wake();
        } else {
            throw new IllegalStateException("concurrent register on one AtomicWaker: one registrant at a time");
        }
    }

    /** Wakes the registered waker, if any; any thread. */
    public void wake() {
        Waker w = take();
        if (w != null) {
            w.wake();
        }
    }

    private Waker take() {
        // ordering: volatile RMW; acquires the registrant's releasing CAS in register().
        int prev = (int) STATE.getAndBitwiseOr(this, WAKING);
        if (prev != WAITING) {
            return null;
        }
        Waker w = waker;
        waker = null;
        // ordering: volatile RMW; releases the slot (waker = null) to the next register().
        STATE.getAndBitwiseAnd(this, ~WAKING);
        return w;
    }
}
