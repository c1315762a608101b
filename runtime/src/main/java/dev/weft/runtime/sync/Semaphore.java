package dev.weft.runtime.sync;

import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Waker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * An async counting semaphore with FIFO waiters (Tokio's {@code batch_semaphore}).
 *
 * <p>{@link #acquire(int)} is a future that completes once the caller holds {@code n} permits;
 * the caller gives them back with {@link #release(int)}. {@link #close()} fails every waiter and
 * every later acquire with {@link SemaphoreClosedException}.
 *
 * <p>Progress: {@link #tryAcquire}, and {@link #release} while nobody waits, are lock-free (one
 * CAS on {@link #state}); queueing, handing permits to waiters, and close take {@link #lock}.
 * Thread roles: any thread; each {@link Acquire} is polled by one task at a time.
 *
 * <h2>Protocol</h2>
 * <ol>
 *   <li>The state word holds the free permits, a CLOSED bit and a QUEUED bit. QUEUED is set and
 *       cleared only under the lock, and is set exactly when the waiter list is non-empty.</li>
 *   <li>While QUEUED is set the free count is 0: releases see QUEUED, take the lock and hand
 *       their permits to waiters in order (the head may be served partially), and only when the
 *       list empties do the leftovers go back to the count, clearing QUEUED in the same CAS.</li>
 *   <li>An acquire that cannot be served at once takes the lock, takes whatever the count holds
 *       as a partial grant, and queues with QUEUED set in that same CAS.</li>
 *   <li>An acquire future closed while queued (its task aborted) removes itself and hands its
 *       partial grant on as a release; one closed after being granted but before returning
 *       Ready releases its permits.</li>
 * </ol>
 * FIFO follows: a newcomer's fast path finds 0 free permits while anyone waits (2), so it cannot
 * overtake; lost wake-ups cannot happen because grants and queueing are both made under the lock.
 */
public final class Semaphore {

    private static final long CLOSED = 1;
    private static final long QUEUED = 2;
    private static final int PERMIT_SHIFT = 2;
    /** Upper bound on permits so that the shifted count fits the state word. */
    public static final long MAX_PERMITS = Long.MAX_VALUE >>> PERMIT_SHIFT;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Semaphore.class, "state", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** permits << PERMIT_SHIFT | QUEUED | CLOSED; any thread, through STATE (see protocol). */
    private volatile long state;
    private final Object lock = new Object();
    /** Guarded by lock; non-empty exactly when QUEUED is set. */
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

    public Semaphore(long permits) {
        if (permits < 0 || permits > MAX_PERMITS) {
            throw new IllegalArgumentException("permits must be in [0, " + MAX_PERMITS + "], got " + permits);
        }
        this.state = permits << PERMIT_SHIFT;
    }

    /** Free permits now; 0 while anyone waits. */
    public long availablePermits() {
        // ordering: volatile read; a snapshot, stale as soon as it returns.
        return state >>> PERMIT_SHIFT;
    }

    public boolean isClosed() {
        // ordering: volatile read; pairs with the RMW in close(). CLOSED is never unset.
        return (state & CLOSED) != 0;
    }

    /**
     * Takes {@code n} permits if they are free and nobody waits (never overtakes a waiter).
     *
     * @return false when not enough permits are free, or the semaphore is closed
     */
    public boolean tryAcquire(int n) {
        checkCount(n);
        long need = (long) n << PERMIT_SHIFT;
        while (true) {
            // ordering: volatile read, then CAS; the CAS acquires permits released by release().
            long s = state;
            if ((s & CLOSED) != 0 || (s & ~(CLOSED | QUEUED)) < need) {
                return false;
            }
            if (STATE.compareAndSet(this, s, s - need)) {
                return true;
            }
        }
    }

    /**
     * A future that completes (with null) once the caller holds {@code n} permits, FIFO behind
     * earlier waiters. It throws {@link SemaphoreClosedException} if the semaphore is closed first.
     * Closing the future before it completes (an aborted task) gives back what it was granted.
     */
    public Acquire acquire(int n) {
        checkCount(n);
        return new Acquire(n);
    }

    /** Returns {@code n} permits: to the waiters first, in FIFO order. Any thread. */
    public void release(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("release of a negative count: " + n);
        }
        long add = (long) n << PERMIT_SHIFT;
        while (true) {
            // ordering: volatile read; QUEUED seen here sends us to the lock (protocol step 2).
            long s = state;
            if ((s & QUEUED) != 0) {
                releaseSlow(n);
                return;
            }
            // ordering: volatile CAS; releases the permits (and the caller's writes) to the acquirer's CAS.
            if (STATE.compareAndSet(this, s, s + add)) {
                return;
            }
        }
    }

    private void releaseSlow(long n) {
        List<Waker> toWake = new ArrayList<>(2);
        synchronized (lock) {
            grantLocked(n, toWake);
        }
        toWake.forEach(Waker::wake);
    }

    /** Step 2: hands {@code n} permits to waiters in order; leftovers go to the count. Lock held. */
    private void grantLocked(long n, List<Waker> toWake) {
        while (n > 0 && !waiters.isEmpty()) {
            Waiter head = waiters.peekFirst();
            long take = Math.min(n, head.remaining);
            head.remaining -= take;
            n -= take;
            if (head.remaining == 0) {
                waiters.pollFirst();
                toWake.add(head.waker);
            }
        }
        if (waiters.isEmpty()) {
            long add = n << PERMIT_SHIFT;
            while (true) {
                // ordering: volatile read, validated by the CAS below.
                long s = state;
                // ordering: volatile CAS; releases the permits to fast-path acquirers. It races
                // with fast paths only when QUEUED was already clear (a granted waiter closing).
                if (STATE.compareAndSet(this, s, ((s & ~QUEUED) + add))) {
                    return;
                }
            }
        }
    }

    /** Fails every waiter and every later acquire; permits held stay valid to release. */
    public void close() {
        List<Waker> toWake = new ArrayList<>();
        synchronized (lock) {
            // ordering: volatile RMW; later acquirers see CLOSED in their volatile read.
            STATE.getAndBitwiseOr(this, CLOSED);
            for (Waiter w : waiters) {
                w.closed = true;
                toWake.add(w.waker);
            }
            waiters.clear();
            // ordering: volatile RMW under the lock; QUEUED tracks the now empty list (step 1).
            STATE.getAndBitwiseAnd(this, ~QUEUED);
        }
        toWake.forEach(Waker::wake);
    }

    private static void checkCount(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("permit count must be at least 1, got " + n);
        }
    }

    private static final class Waiter {
        /** Guarded by the semaphore's lock: permits still missing. */
        long remaining;
        /** Guarded by the semaphore's lock: the task to wake once granted or closed. */
        Waker waker;
        /** Guarded by the semaphore's lock: the semaphore closed before the grant completed. */
        boolean closed;

        Waiter(long remaining, Waker waker) {
            this.remaining = remaining;
            this.waker = waker;
        }
    }

    /** The future returned by {@link #acquire(int)}; see there. */
    public final class Acquire implements Future<Void>, AutoCloseable {
        private enum Phase { INIT, QUEUED, DONE }

        private final int permits;
        /** Owned by the polling task (and its cleanup). */
        private Phase phase = Phase.INIT;
        /** Set with phase QUEUED; its fields are guarded by the semaphore's lock. */
        private Waiter waiter;

        private Acquire(int permits) {
            this.permits = permits;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            if (!cx.consumeBudget()) {
                return Poll.pending();
            }
            return switch (phase) {
                case INIT -> pollFirst(cx);
                case QUEUED -> pollQueued(cx);
                case DONE -> throw new IllegalStateException("acquire polled after completion");
            };
        }

        private Poll<Void> pollFirst(Context cx) {
            if (tryAcquire(permits)) {
                phase = Phase.DONE;
                return Poll.readyVoid();
            }
            synchronized (lock) {
                long need = (long) permits << PERMIT_SHIFT;
                while (true) {
                    // ordering: volatile read, validated by the CASes below.
                    long s = state;
                    if ((s & CLOSED) != 0) {
                        throw closedError();
                    }
                    long free = s & ~(CLOSED | QUEUED);
                    if (free >= need) {
                        // ordering: volatile CAS; as in tryAcquire().
                        if (STATE.compareAndSet(Semaphore.this, s, s - need)) {
                            phase = Phase.DONE;
                            return Poll.readyVoid();
                        }
                        continue;
                    }
                    // Step 3: take the partial grant and queue, in one CAS.
                    // ordering: volatile CAS; fast-path releasers then see QUEUED and take the lock.
                    if (STATE.compareAndSet(Semaphore.this, s, (s - free) | QUEUED)) {
                        waiter = new Waiter((need - free) >>> PERMIT_SHIFT, cx.waker());
                        waiters.addLast(waiter);
                        phase = Phase.QUEUED;
                        return Poll.pending();
                    }
                }
            }
        }

        private Poll<Void> pollQueued(Context cx) {
            synchronized (lock) {
                if (waiter.remaining == 0) {
                    phase = Phase.DONE;
                    return Poll.readyVoid();
                }
                if (waiter.closed) {
                    phase = Phase.DONE;
                    throw closedError();
                }
                if (waiter.waker != cx.waker()) {
                    waiter.waker = cx.waker();
                }
                return Poll.pending();
            }
        }

        /** Step 4: gives back whatever was granted if this future will never return Ready. */
        @Override
        public void close() {
            if (phase != Phase.QUEUED) {
                return;
            }
            phase = Phase.DONE;
            List<Waker> toWake = new ArrayList<>(2);
            synchronized (lock) {
                if (waiter.closed) {
                    return;
                }
                long granted = permits - waiter.remaining;
                if (waiter.remaining > 0) {
                    waiters.remove(waiter);
                }
                if (granted > 0 || waiters.isEmpty()) {
                    grantLocked(granted, toWake);
                }
            }
            toWake.forEach(Waker::wake);
        }

        private SemaphoreClosedException closedError() {
            return new SemaphoreClosedException("semaphore closed while acquiring " + permits + " permit(s)");
        }
    }
}
