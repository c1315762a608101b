package dev.weft.runtime.time;

/**
 * One registration in a {@link TimeDriver}: a deadline and what to do when it passes.
 *
 * <p>An entry is in at most one driver at a time. Its fields are guarded by the lock of the
 * driver it is registered with; the wheel fields are the links of its intrusive slot list, so
 * registering and cancelling allocate nothing and cancel is O(1).
 */
public abstract class TimerEntry {

    /** {@link #slot} of an entry in no list of the wheel: unregistered, fired, or being fired. */
    static final int NOT_IN_WHEEL = -1;

    /** Guarded by the driver's lock. System.nanoTime() deadline of the last registration. */
    long deadlineNanos;
    /**
     * Owner of the driver only: {@link #deadlineNanos} as it was when the owner took the entry for
     * firing (under the lock), the sort key of its batch. A re-registration racing with the firing
     * changes deadlineNanos, never this.
     */
    long firingDeadlineNanos;
    /** Guarded by the driver's lock. Wheel tick (ms since the driver started) at or after which it fires. */
    long whenTick;
    /**
     * Guarded by the driver's lock. The wheel list holding the entry: {@code level * 64 + slot},
     * {@link TimerWheel#PENDING} for the list of expired entries, or {@link #NOT_IN_WHEEL}.
     */
    int slot = NOT_IN_WHEEL;
    /** Guarded by the driver's lock. Neighbours in the slot list; null at the ends. */
    TimerEntry prev;
    TimerEntry next;

    /** Whether the entry waits in a wheel (registered and not yet taken for firing). Under the lock. */
    final boolean isInWheel() {
        return slot != NOT_IN_WHEEL;
    }

    /** Called once when the deadline passes, on the thread that owns the driver, without its lock. */
    protected abstract void fire();
}
