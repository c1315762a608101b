package dev.weft.runtime.task;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The one atomic word that holds a task's lifecycle, after Tokio's {@code task/state.rs}.
 *
 * <pre>
 *  bit  0 RUNNING        a thread is polling (or cancelling) the task; it owns the future
 *  bit  1 COMPLETE       the output is stored; never unset once set
 *  bit  2 NOTIFIED       the task is queued (or, while RUNNING, must be polled again)
 *  bit  3 JOIN_INTEREST  a JoinHandle may still read the output
 *  bit  4 JOIN_WAKER     the join waker field is set and owned by the completing side
 *  bit  5 CANCELLED      abort or shutdown was requested; never unset once set
 *  bits 6.. reference count: the owned-tasks list, the JoinHandle, and each queue entry
 * </pre>
 *
 * <p>Every change is one named CAS loop. Invariants: a task is queued at most once (NOTIFIED
 * gates every submission); at most one thread holds RUNNING; COMPLETE implies not RUNNING.
 * Lock-free: each transition retries only when another transition succeeded.
 *
 * <p>Orderings: every transition is a volatile CAS (acquire + release). The poller's writes to
 * the output happen before its COMPLETE CAS; a JoinHandle's read of the output happens after a
 * volatile read that sees COMPLETE. The join waker is written before the CAS that sets
 * JOIN_WAKER and read after a CAS that sees it. Nothing here relies on TSO.
 */
public class TaskState {

    public static final long RUNNING = 1L;
    public static final long COMPLETE = 1L << 1;
    public static final long NOTIFIED = 1L << 2;
    public static final long JOIN_INTEREST = 1L << 3;
    public static final long JOIN_WAKER = 1L << 4;
    public static final long CANCELLED = 1L << 5;
    static final int REF_SHIFT = 6;
    public static final long REF_ONE = 1L << REF_SHIFT;
    static final long FLAGS_MASK = REF_ONE - 1;

    /** A new task: queued once, joinable, referenced by the owned list, its JoinHandle and the queue. */
    public static final long INITIAL = NOTIFIED | JOIN_INTEREST | 3 * REF_ONE;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(TaskState.class, "state", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Written only by CAS; read by every thread that touches the task. */
    private volatile long state;

    protected TaskState(long initial) {
        this.state = initial;
    }

    // ordering: volatile read; acquires everything published by the last successful CAS.
    public final long lvState() {
        return state;
    }

    private boolean casState(long expect, long update) {
        return STATE.compareAndSet(this, expect, update);
    }

    public static long refCount(long s) {
        return s >>> REF_SHIFT;
    }

    public static boolean has(long s, long flag) {
        return (s & flag) != 0;
    }

    public enum ToRunning { SUCCESS, CANCELLED, FAILED }

    /**
     * A worker took the task from a queue and wants to poll it. Consumes NOTIFIED.
     * SUCCESS: poll it. CANCELLED: run its cancellation. FAILED: it is running or complete
     * elsewhere (a shutdown claimed it); drop the queue's reference.
     */
    public final ToRunning transitionToRunning() {
        while (true) {
            long s = lvState();
            assert has(s, NOTIFIED) : "polling a task that was not notified; state=" + describe(s);
            if ((s & (RUNNING | COMPLETE)) != 0) {
                return ToRunning.FAILED;
            }
            long next = (s | RUNNING) & ~NOTIFIED;
            if (casState(s, next)) {
                return has(s, CANCELLED) ? ToRunning.CANCELLED : ToRunning.SUCCESS;
            }
        }
    }

    public enum ToIdle { OK_DONE, OK_NOTIFIED, CANCELLED }

    /**
     * The poll returned Pending. OK_DONE: idle; the queue reference is released by the caller.
     * OK_NOTIFIED: a wake arrived during the poll; NOTIFIED stays set and the caller re-queues
     * the task with the same reference. CANCELLED: abort arrived; still RUNNING, cancel it.
     */
    public final ToIdle transitionToIdle() {
        return transitionToIdle(false);
    }

    /**
     * As {@link #transitionToIdle()}; {@code wokeItself} also sets NOTIFIED in the same CAS (a
     * yield), so a task that re-queues itself pays one CAS instead of a wake CAS plus this one.
     */
    public final ToIdle transitionToIdle(boolean wokeItself) {
        long notify = wokeItself ? NOTIFIED : 0;
        while (true) {
            long s = lvState();
            assert has(s, RUNNING) : "idle transition of a task not running; state=" + describe(s);
            if (has(s, CANCELLED)) {
                return ToIdle.CANCELLED;
            }
            long next = (s & ~RUNNING) | notify;
            if (casState(s, next)) {
                return has(next, NOTIFIED) ? ToIdle.OK_NOTIFIED : ToIdle.OK_DONE;
            }
        }
    }

    /** The poll finished (value, failure or cancellation stored). Returns the state before. */
    public final long transitionToComplete() {
        while (true) {
            long s = lvState();
            assert has(s, RUNNING) && !has(s, COMPLETE) : "complete from state=" + describe(s);
            long next = (s & ~RUNNING) | COMPLETE;
            if (casState(s, next)) {
                return s;
            }
        }
    }

    public enum ToNotified { SUBMIT, DO_NOTHING }

    /**
     * A wake. SUBMIT: the caller must queue the task (a reference was added for the queue).
     * Running: NOTIFIED is set so the poller re-queues it. Already queued or complete: nothing.
     */
    public final ToNotified transitionToNotified() {
        while (true) {
            long s = lvState();
            if ((s & (COMPLETE | NOTIFIED)) != 0) {
                return ToNotified.DO_NOTHING;
            }
            if (has(s, RUNNING)) {
                if (casState(s, s | NOTIFIED)) {
                    return ToNotified.DO_NOTHING;
                }
                continue;
            }
            if (casState(s, (s | NOTIFIED) + REF_ONE)) {
                return ToNotified.SUBMIT;
            }
        }
    }

    /**
     * An abort. Returns true when the task was idle: the caller must queue it (a reference was
     * added) so a worker runs its cancellation. Running or queued: the poller sees CANCELLED.
     */
    public final boolean transitionToNotifiedAndCancel() {
        while (true) {
            long s = lvState();
            if ((s & (CANCELLED | COMPLETE)) != 0) {
                return false;
            }
            long next;
            boolean submit;
            if (has(s, RUNNING)) {
                next = s | NOTIFIED | CANCELLED;
                submit = false;
            } else if (has(s, NOTIFIED)) {
                next = s | CANCELLED;
                submit = false;
            } else {
                next = (s | NOTIFIED | CANCELLED) + REF_ONE;
                submit = true;
            }
            if (casState(s, next)) {
                return submit;
            }
        }
    }

    /**
     * Runtime shutdown. Returns true when the caller claimed the task (it was idle or queued):
     * the caller runs its cancellation now. Running or complete: false; a running poller sees
     * CANCELLED when it returns.
     */
    public final boolean transitionToShutdown() {
        while (true) {
            long s = lvState();
            if (has(s, COMPLETE)) {
                return false;
            }
            boolean claim = !has(s, RUNNING);
            long next = s | CANCELLED | (claim ? RUNNING : 0);
            if (casState(s, next)) {
                return claim;
            }
        }
    }

    /**
     * The JoinHandle stored a waker and hands it over. Fails (false) when the task completed
     * first: the handle then reads the output instead.
     */
    public final boolean setJoinWaker() {
        while (true) {
            long s = lvState();
            assert has(s, JOIN_INTEREST) && !has(s, JOIN_WAKER) : "setJoinWaker from " + describe(s);
            if (has(s, COMPLETE)) {
                return false;
            }
            if (casState(s, s | JOIN_WAKER)) {
                return true;
            }
        }
    }

    /** The JoinHandle takes back its waker to replace it. False when the task completed first. */
    public final boolean unsetJoinWaker() {
        while (true) {
            long s = lvState();
            assert has(s, JOIN_INTEREST) && has(s, JOIN_WAKER) : "unsetJoinWaker from " + describe(s);
            if (has(s, COMPLETE)) {
                return false;
            }
            if (casState(s, s & ~JOIN_WAKER)) {
                return true;
            }
        }
    }

    /** The JoinHandle lets go of the output. False when the task already completed. */
    public final boolean unsetJoinInterest() {
        while (true) {
            long s = lvState();
            if (has(s, COMPLETE)) {
                return false;
            }
            if (casState(s, s & ~(JOIN_INTEREST | JOIN_WAKER))) {
                return true;
            }
        }
    }

    // ordering: volatile getAndAdd; a count, ordered like every other transition.
    public final void refInc() {
        STATE.getAndAdd(this, REF_ONE);
    }

    /** Drops {@code n} references; returns true when it dropped the last one. */
    public final boolean refDec(int n) {
        // ordering: volatile getAndAdd; the thread that drops the last reference sees every
        // earlier holder's writes, as after any other transition.
        long prev = (long) STATE.getAndAdd(this, -n * REF_ONE);
        assert refCount(prev) >= n : "reference count underflow; state=" + describe(prev) + " dec=" + n;
        return refCount(prev) == n;
    }

    public static String describe(long s) {
        StringBuilder b = new StringBuilder();
        if (has(s, RUNNING)) b.append("RUNNING|");
        if (has(s, COMPLETE)) b.append("COMPLETE|");
        if (has(s, NOTIFIED)) b.append("NOTIFIED|");
        if (has(s, JOIN_INTEREST)) b.append("JOIN_INTEREST|");
        if (has(s, JOIN_WAKER)) b.append("JOIN_WAKER|");
        if (has(s, CANCELLED)) b.append("CANCELLED|");
        return b.append("refs=").append(refCount(s)).toString();
    }
}
