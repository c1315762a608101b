package dev.weft.runtime.sync;

import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Waker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Notifies tasks without a value (Tokio's {@code sync::Notify}).
 *
 * <ol>
 *   <li>{@link #notifyOne()} wakes the oldest waiter; with no waiter it stores one permit (at most
 *       one), which the next {@link #notified()} consumes at once.</li>
 *   <li>{@link #notifyWaiters()} wakes every waiter, and every {@link Notified} created before
 *       the call even if not yet polled (it captures a generation number); it stores no permit.</li>
 *   <li>A {@link Notified} closed after notifyOne picked it but before it returned Ready (its
 *       task aborted) passes the notification on, so none is lost.</li>
 * </ol>
 * Blocking: every operation takes {@link #lock} briefly; wakers run after it is released.
 */
public final class Notify {

    private final Object lock = new Object();
    /** Guarded by lock: oldest first. */
    private final ArrayDeque<Notified> waiters = new ArrayDeque<>();
    /** Guarded by lock: a notifyOne that found no waiter. */
    private boolean permit;
    /** Guarded by lock: count of notifyWaiters calls. */
    private long generation;

    public void notifyOne() {
        Waker w;
        synchronized (lock) {
            w = notifyOneLocked();
        }
        if (w != null) {
            w.wake();
        }
    }

    private Waker notifyOneLocked() {
        Notified n = waiters.pollFirst();
        if (n == null) {
            permit = true;
            return null;
        }
        n.state = Notified.State.NOTIFIED_ONE;
        return n.waker;
    }

    public void notifyWaiters() {
        List<Waker> toWake = new ArrayList<>();
        synchronized (lock) {
            generation++;
            for (Notified n : waiters) {
                n.state = Notified.State.NOTIFIED_ALL;
                toWake.add(n.waker);
            }
            waiters.clear();
        }
        toWake.forEach(Waker::wake);
    }

    /** A future that completes at the next notification (or at once if a permit is stored). */
    public Notified notified() {
        synchronized (lock) {
            return new Notified(generation);
        }
    }

    /** See {@link Notify}. Poll from one task; closing it withdraws it (step 3). */
    public final class Notified implements Future<Void>, AutoCloseable {
        private enum State { INIT, WAITING, NOTIFIED_ONE, NOTIFIED_ALL, DONE }

        private final long createdAtGeneration;
        /** Guarded by lock. */
        private State state = State.INIT;
        /** Guarded by lock. */
        private Waker waker;

        private Notified(long generation) {
            this.createdAtGeneration = generation;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            if (!cx.consumeBudget()) {
                return Poll.pending();
            }
            synchronized (lock) {
                switch (state) {
                    case INIT -> {
                        if (generation != createdAtGeneration) {
                            state = State.DONE; // step 2: a notifyWaiters after creation
                            return Poll.readyVoid();
                        }
                        if (permit) {
                            permit = false; // step 1: consume the stored permit
                            state = State.DONE;
                            return Poll.readyVoid();
                        }
                        waker = cx.waker();
                        state = State.WAITING;
                        waiters.addLast(this);
                        return Poll.pending();
                    }
                    case WAITING -> {
                        waker = cx.waker();
                        return Poll.pending();
                    }
                    case NOTIFIED_ONE, NOTIFIED_ALL -> {
                        state = State.DONE;
                        return Poll.readyVoid();
                    }
                    default -> throw new IllegalStateException("notified polled after completion");
                }
            }
        }

        @Override
        public void close() {
            Waker pass = null;
            synchronized (lock) {
                if (state == State.WAITING) {
                    waiters.remove(this);
                } else if (state == State.NOTIFIED_ONE) {
                    pass = notifyOneLocked();
                }
                state = State.DONE;
            }
            if (pass != null) {
                pass.wake();
            }
        }
    }
}
