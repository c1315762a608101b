package dev.weft.runtime.time;

import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The timers of one worker: entries ordered by deadline, fired by the worker when they pass.
 *
 * <p>Thread roles: any thread registers and cancels; only the owner (the worker that parks with
 * {@link #nextDeadlineNanos()} as its bound) calls {@link #fireExpired(long)}. A registration
 * from another thread whose deadline is earlier than every other one wakes the owner, so its
 * park is re-bounded.
 *
 * <p>Blocking (one lock); the owner holds it briefly per expiry batch, never while firing.
 */
public final class TimeDriver {

    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by lock. */
    private final PriorityQueue<TimerEntry> queue =
            new PriorityQueue<>((a, b) -> Long.compare(a.deadlineNanos, b.deadlineNanos));
    private final Runnable wakeOwner;
    /** Written once by the owner before it first parks; read by registering threads. */
    private volatile Thread owner;

    /** @param wakeOwner unparks the owner so it re-reads {@link #nextDeadlineNanos()}; any thread. */
    public TimeDriver(Runnable wakeOwner) {
        this.wakeOwner = wakeOwner;
    }

    /** Binds the thread that fires this driver's entries. */
    public void bindOwner(Thread thread) {
        this.owner = thread;
    }

    /** Registers {@code entry} to fire at {@code deadlineNanos} ({@link System#nanoTime()} time). */
    public void register(TimerEntry entry, long deadlineNanos) {
        boolean earliest;
        lock.lock();
        try {
            if (entry.registered) {
                queue.remove(entry);
            }
            entry.deadlineNanos = deadlineNanos;
            entry.registered = true;
            queue.add(entry);
            earliest = queue.peek() == entry;
        } finally {
            lock.unlock();
        }
        if (earliest && Thread.currentThread() != owner) {
            wakeOwner.run();
        }
    }

    /** Removes {@code entry} if it has not fired; returns whether it was removed. */
    public boolean cancel(TimerEntry entry) {
        lock.lock();
        try {
            if (!entry.registered) {
                return false;
            }
            entry.registered = false;
            return queue.remove(entry);
        } finally {
            lock.unlock();
        }
    }

    /** The earliest deadline registered, or {@link Long#MAX_VALUE} when there is none. */
    public long nextDeadlineNanos() {
        lock.lock();
        try {
            TimerEntry first = queue.peek();
            return first == null ? Long.MAX_VALUE : first.deadlineNanos;
        } finally {
            lock.unlock();
        }
    }

    /** Fires, in deadline order, every entry whose deadline is at or before {@code nowNanos}. Owner only. */
    public int fireExpired(long nowNanos) {
        int fired = 0;
        while (true) {
            TimerEntry due;
            lock.lock();
            try {
                TimerEntry first = queue.peek();
                if (first == null || first.deadlineNanos - nowNanos > 0) {
                    return fired;
                }
                due = queue.poll();
                due.registered = false;
            } finally {
                lock.unlock();
            }
            due.fire();
            fired++;
        }
    }

    /** Number of registered entries. */
    public int size() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }
}
