package dev.weft.runtime.task;

/**
 * Every live task of a runtime, so that shutdown can cancel them all (Tokio's
 * {@code OwnedTasks}). Sharded intrusive doubly linked lists, one lock per shard, so spawns and
 * completions on different workers rarely meet on a lock.
 *
 * <p>Once {@link #close()} has run, {@link #bind} refuses new tasks: a spawn racing with
 * shutdown is cancelled by its spawner instead of being left behind.
 */
public final class OwnedTasks {

    private final Shard[] shards;
    private final int mask;
    /** Written once (close); read by bind() under a shard lock, after the closer took every lock. */
    private volatile boolean closed;

    private static final class Shard {
        /** Guarded by this. */
        Task<?> head;
        /** Guarded by this. */
        int count;
    }

    public OwnedTasks(int shardCount) {
        int n = Integer.highestOneBit(Math.max(1, shardCount - 1)) << 1;
        this.shards = new Shard[n];
        for (int i = 0; i < n; i++) {
            shards[i] = new Shard();
        }
        this.mask = n - 1;
    }

    public int shardCount() {
        return shards.length;
    }

    private Shard shardOf(Task<?> task) {
        return shards[(int) (task.id() & mask)];
    }

    /** Adds {@code task}; returns false when the runtime is closed (the caller cancels it). */
    public boolean bind(Task<?> task) {
        Shard shard = shardOf(task);
        synchronized (shard) {
            if (closed) {
                return false;
            }
            Task<?> h = shard.head;
            task.ownedNext = h;
            task.ownedPrev = null;
            if (h != null) {
                h.ownedPrev = task;
            }
            shard.head = task;
            task.owned = true;
            shard.count++;
            return true;
        }
    }

    /** Removes {@code task} if it is still listed. */
    public void remove(Task<?> task) {
        Shard shard = shardOf(task);
        synchronized (shard) {
            unlink(shard, task);
        }
    }

    private static void unlink(Shard shard, Task<?> task) {
        if (!task.owned) {
            return;
        }
        Task<?> p = task.ownedPrev;
        Task<?> n = task.ownedNext;
        if (p == null) {
            shard.head = n;
        } else {
            p.ownedNext = n;
        }
        if (n != null) {
            n.ownedPrev = p;
        }
        task.ownedPrev = null;
        task.ownedNext = null;
        task.owned = false;
        shard.count--;
    }

    /** Refuses later binds. Taking each shard's lock orders every earlier bind before the flag. */
    public void close() {
        closed = true;
        for (Shard shard : shards) {
            synchronized (shard) {
                // Nothing: waits out any bind that read closed == false.
            }
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Shuts down every task of the shards {@code first, first + step, ...}: each is unlisted, then
     * cancelled on the calling thread (its cleanup runs here) unless a poller holds it, in which
     * case the poller cancels it when its poll returns.
     */
    public void shutdownShards(int first, int step) {
        for (int i = first; i < shards.length; i += step) {
            Shard shard = shards[i];
            while (true) {
                Task<?> task;
                synchronized (shard) {
                    task = shard.head;
                    if (task == null) {
                        break;
                    }
                    unlink(shard, task);
                }
                task.shutdown();
            }
        }
    }

    /** Number of live tasks; each shard is read under its lock, the sum is a snapshot per shard. */
    public long liveTasks() {
        long sum = 0;
        for (Shard shard : shards) {
            synchronized (shard) {
                sum += shard.count;
            }
        }
        return sum;
    }
}
