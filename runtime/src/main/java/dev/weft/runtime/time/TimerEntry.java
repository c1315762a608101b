package dev.weft.runtime.time;

/**
 * One registration in a {@link TimeDriver}: a deadline and what to do when it passes.
 *
 * <p>An entry is in at most one driver at a time. Its fields are guarded by the lock of the
 * driver it is registered with.
 */
public abstract class TimerEntry {

    /** Guarded by the driver's lock. System.nanoTime() deadline while registered. */
    long deadlineNanos;
    /** Guarded by the driver's lock. Whether the entry is registered and has not fired. */
    boolean registered;

    /** Called once when the deadline passes, on the thread that owns the driver, without its lock. */
    protected abstract void fire();
}
