package dev.weft.io.transport;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Actions other threads hand to a driver's owner (closing a socket registered there), run by
 * the owner around each park. Not on any per-message path: one node per handed-off action.
 *
 * <p>Thread roles: {@link #add} any thread (the caller unparks the owner after it);
 * {@link #runAll} the owner.
 */
public final class OwnerTasks {
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();

    public void add(Runnable action) {
        queue.add(action);
    }

    /** Runs what was added before this call (and possibly some added during it). Owner. */
    public void runAll() {
        Runnable r;
        while ((r = queue.poll()) != null) {
            r.run();
        }
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }
}
