package dev.weft.runtime.time;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The timers of one worker: a {@link TimerWheel} of 1 ms ticks behind a lock, fired by the worker
 * when their deadlines pass (Tokio's {@code runtime/time} driver, one per worker).
 *
 * <p>Thread roles: any thread registers and cancels; only the owner (the worker that parks with
 * {@link #nextDeadlineNanos()} as its bound) calls {@link #fireExpired(long)}.
 *
 * <p>Blocking (one lock). Registrations from other threads are rare and the owner holds the lock
 * only to collect one batch of due entries, never while firing them.
 *
 * <p>Time: deadlines are {@link System#nanoTime()} values, converted to ticks of 1 ms since the
 * driver was created. A deadline rounds <em>up</em> to its tick and {@code now} rounds down, so an
 * entry never fires before its deadline, and fires at most about 1 ms late plus the owner's
 * wake-up latency.
 *
 * <p>Wake protocol:
 * <ol>
 *   <li>The owner reads {@link #nextDeadlineNanos()} and parks at most until then.</li>
 *   <li>A thread other than the owner registers an entry under the lock; if the wheel's next
 *       expiration moved earlier, it calls {@code wakeOwner} after unlocking.</li>
 *   <li>The owner returns from its park (the unpark is remembered if it had not parked yet),
 *       fires what is due and re-reads the bound.</li>
 * </ol>
 * Correct because steps 1 and 2 are ordered by the lock: either the owner read the new bound in
 * step 1, or the registration saw the old, later one and wakes the owner in step 3. A
 * registration on the owner's own thread needs no wake: the owner reads the bound before parking.
 */
public final class TimeDriver {

    private static final long NANOS_PER_TICK = 1_000_000L;
    private static final Comparator<TimerEntry> BY_DEADLINE =
            (a, b) -> Long.compare(a.firingDeadlineNanos - b.firingDeadlineNanos, 0);

    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by lock. */
    private final TimerWheel wheel = new TimerWheel();
    /** Final. System.nanoTime() at tick 0. */
    private final long startNanos;
    private final Runnable wakeOwner;
    /** Owner only. The batch being fired; kept between calls to avoid allocating. */
    private final ArrayList<TimerEntry> firing = new ArrayList<>();
    /** Written once by the owner before it first parks; read by registering threads. */
    private volatile Thread owner;
    /**
     * The wheel's next expiration tick, refreshed under the lock after every change; read without
     * the lock so a busy owner's {@link #fireExpired} and {@link #nextDeadlineNanos} skip the lock
     * when nothing is due. A stale value is only ever too early (a cancel does not refresh it), or
     * too late for a registration that then wakes the owner (protocol step 2).
     * ordering: volatile write under the lock; volatile read by the owner.
     */
    private volatile long nextTick = Long.MAX_VALUE;

    /** @param wakeOwner unparks the owner so it re-reads {@link #nextDeadlineNanos()}; any thread. */
    public TimeDriver(Runnable wakeOwner) {
        this.wakeOwner = wakeOwner;
        this.startNanos = System.nanoTime();
    }

    /** Binds the thread that fires this driver's entries. */
    public void bindOwner(Thread thread) {
        this.owner = thread;
    }

    /**
     * Registers {@code entry} to fire at {@code deadlineNanos} ({@link System#nanoTime()} time),
     * replacing its previous registration here if it has not fired. Any thread (protocol step 2).
     */
    public void register(TimerEntry entry, long deadlineNanos) {
        boolean movedEarlier;
        lock.lock();
        try {
            long before = wheel.nextExpiration();
            wheel.remove(entry);
            entry.deadlineNanos = deadlineNanos;
            wheel.insert(entry, deadlineTick(deadlineNanos));
            long next = wheel.nextExpiration();
            nextTick = next;
            movedEarlier = next < before;
        } finally {
            lock.unlock();
        }
        if (movedEarlier && Thread.currentThread() != owner) {
            wakeOwner.run();
        }
    }

    /**
     * Removes {@code entry} if it has not been taken for firing; returns whether it was removed.
     * After true, {@link TimerEntry#fire()} will not be called for that registration; after false
     * it has been called or is about to be, on the owner. Any thread.
     */
    public boolean cancel(TimerEntry entry) {
        lock.lock();
        try {
            return wheel.remove(entry);
        } finally {
            lock.unlock();
        }
    }

    /**
     * When the owner must next call {@link #fireExpired(long)}: the start of the wheel's earliest
     * occupied slot (at or before the earliest deadline; reaching an upper-level slot only cascades
     * its entries down), or {@link Long#MAX_VALUE} when nothing is registered.
     */
    public long nextDeadlineNanos() {
        long tick = nextTick;
        if (tick == Long.MAX_VALUE || tick > (Long.MAX_VALUE - startNanos) / NANOS_PER_TICK) {
            return Long.MAX_VALUE;
        }
        return startNanos + tick * NANOS_PER_TICK;
    }

    /**
     * Fires, in deadline order, every entry whose deadline is at or before {@code nowNanos}.
     * Owner only (protocol step 3). Returns how many fired.
     */
    public int fireExpired(long nowNanos) {
        long nowTick = nowTick(nowNanos);
        if (nowTick < nextTick) {
            return 0;
        }
        lock.lock();
        try {
            TimerEntry due;
            while ((due = wheel.poll(nowTick)) != null) {
                due.firingDeadlineNanos = due.deadlineNanos;
                firing.add(due);
            }
            nextTick = wheel.nextExpiration();
        } finally {
            lock.unlock();
        }
        int n = firing.size();
        if (n == 0) {
            return 0;
        }
        if (n > 1) {
            // The wheel yields a batch slot by slot, unordered within a tick and among late
            // registrations; sorting outside the lock keeps registering threads waiting less.
            firing.sort(BY_DEADLINE);
        }
        try {
            for (int i = 0; i < n; i++) {
                firing.get(i).fire();
            }
        } finally {
            firing.clear();
        }
        return n;
    }

    /** Number of registered entries that have not been taken for firing. */
    public int size() {
        lock.lock();
        try {
            return wheel.size();
        } finally {
            lock.unlock();
        }
    }

    /** The first tick at or after {@code deadlineNanos}: rounding up so nothing fires early. */
    private long deadlineTick(long deadlineNanos) {
        long sinceStart = deadlineNanos - startNanos;
        if (sinceStart <= 0) {
            return 0;
        }
        return (sinceStart - 1) / NANOS_PER_TICK + 1;
    }

    /** The last tick at or before {@code nowNanos}. */
    private long nowTick(long nowNanos) {
        long sinceStart = nowNanos - startNanos;
        return sinceStart <= 0 ? 0 : sinceStart / NANOS_PER_TICK;
    }
}
