package dev.weft.runtime.scheduler;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Who is searching for work and who sleeps: Tokio's {@code idle.rs}.
 *
 * <p>One atomic word packs the number of searching workers (low 16 bits) and of unparked
 * workers (the rest), so "is anyone searching, is anyone asleep" is one read. The list of
 * sleepers is guarded by a lock, taken only on the way to sleep and to wake someone.
 *
 * <p>Protocol:
 * <ol>
 *   <li>An idle worker may start searching (stealing) only while {@code 2 * searching < workers}
 *       ({@link #transitionWorkerToSearching}). This caps the stealers that contend on victims'
 *       heads, which is what keeps an oversubscribed runtime (more workers than cores) from
 *       thrashing.</li>
 *   <li>Work made available by a push wakes one sleeper only when nobody searches
 *       ({@link #workerToNotify}): a searcher will find it. The woken worker starts searching
 *       (its unpark counts it as searching), so a burst of pushes wakes workers one at a time.</li>
 *   <li>A searcher that finds work stops searching; if it was the last one, it wakes another
 *       worker ({@link #transitionWorkerFromSearching} returns true), so the chain continues
 *       while work remains.</li>
 *   <li>A worker going to sleep registers as a sleeper and, if it was the last searcher, checks
 *       every queue once more before sleeping (the caller does it) so work pushed during its
 *       search is not stranded.</li>
 * </ol>
 * Correct because every push to the global queue is followed by a fenced check of the word
 * (2), a push to a worker's own queue will be run by that running worker if nobody steals it,
 * and every exit from searching is followed by a wake (3) or a last look at every queue (4):
 * work is never left with every worker asleep and none of them about to look.
 */
public final class Idle {

    private static final int SEARCH_MASK = (1 << 16) - 1;
    private static final int UNPARK_SHIFT = 16;
    private static final int UNPARK_ONE = 1 << UNPARK_SHIFT;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Idle.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int workers;
    /** (unparked << 16) | searching. Atomic adds by every worker and notifier. */
    @SuppressWarnings("unused")
    private volatile int state;
    /** Guarded by this. Indexes of sleeping workers. */
    private final int[] sleepers;
    /** Guarded by this. */
    private int sleeperCount;

    public Idle(int workers) {
        if (workers > SEARCH_MASK) {
            throw new IllegalArgumentException("at most " + SEARCH_MASK + " workers, was " + workers);
        }
        this.workers = workers;
        this.sleepers = new int[workers];
        this.state = workers << UNPARK_SHIFT;
    }

    static int searching(int s) {
        return s & SEARCH_MASK;
    }

    static int unparked(int s) {
        return s >>> UNPARK_SHIFT;
    }

    // ordering: volatile (seq-cst) read; pairs with the volatile adds below. Step 2 needs the
    // Dekker-style order "push, then read state" against "state change, then read queues".
    private int lvState() {
        return state;
    }

    /**
     * Step 2: the worker to wake for new work, or -1 when a searcher will find it.
     *
     * @param pusherRunsIt true when the caller is a running worker that pushed to its own queue:
     *     it will run the task itself if nobody steals it, so the wake is only a hint for
     *     parallelism and needs no fence. A push to the global queue must not be missed.
     */
    public int workerToNotify(boolean pusherRunsIt) {
        if (!pusherRunsIt) {
            // ordering: full fence; the caller's push must not be reordered after this read of
            // the state (store-load). Pairs with the fence in
            // MultiThreadScheduler.notifyIfWorkPending(): either the pusher sees the parking
            // worker's decrement, or the parking worker sees the pushed task.
            VarHandle.fullFence();
        }
        if (!shouldWake(lvState())) {
            return -1;
        }
        synchronized (this) {
            if (!shouldWake(lvState()) || sleeperCount == 0) {
                return -1;
            }
            // ordering: volatile add; counts the worker as unparked and searching before it runs.
            STATE.getAndAdd(this, 1 | UNPARK_ONE);
            return sleepers[--sleeperCount];
        }
    }

    private boolean shouldWake(int s) {
        return searching(s) == 0 && unparked(s) < workers;
    }

    /** Step 4: registers {@code worker} as asleep. Returns true when it was the last searcher. */
    public boolean transitionWorkerToParked(int worker, boolean isSearching) {
        synchronized (this) {
            int dec = UNPARK_ONE + (isSearching ? 1 : 0);
            // ordering: volatile add (seq-cst); step 4's store half, ordered before the caller's
            // fenced re-check of the queues in MultiThreadScheduler.notifyIfWorkPending().
            int prev = (int) STATE.getAndAdd(this, -dec);
            sleepers[sleeperCount++] = worker;
            return isSearching && searching(prev) == 1;
        }
    }

    /** Step 1: may this idle worker start searching? */
    public boolean transitionWorkerToSearching() {
        int s = lvState();
        if (2 * searching(s) >= workers) {
            return false;
        }
        // Not a CAS: briefly exceeding the cap is harmless (Tokio does the same).
        // ordering: volatile add; a count only, read by workerToNotify() (step 2).
        STATE.getAndAdd(this, 1);
        return true;
    }

    /** Step 3: a searcher found work. Returns true when it was the last searcher (wake one more). */
    public boolean transitionWorkerFromSearching() {
        // ordering: volatile add; the caller wakes a worker next if this was the last searcher.
        int prev = (int) STATE.getAndAdd(this, -1);
        assert searching(prev) > 0 : "no worker was searching; state=" + Integer.toHexString(prev);
        return searching(prev) == 1;
    }

    /**
     * A parked worker woke without being picked by {@link #workerToNotify} (timer, I/O,
     * spurious). If it is still listed as a sleeper it removes itself and counts as unparked,
     * not searching; returns true in that case. Returns false when a notifier already unlisted it
     * (and counted it as searching).
     */
    public boolean unparkWorkerById(int worker) {
        synchronized (this) {
            for (int i = 0; i < sleeperCount; i++) {
                if (sleepers[i] == worker) {
                    sleepers[i] = sleepers[--sleeperCount];
                    // ordering: volatile add under the sleepers lock; the count and the list change together.
                    STATE.getAndAdd(this, UNPARK_ONE);
                    return true;
                }
            }
            return false;
        }
    }

    /** Whether {@code worker} is still listed as asleep. */
    public boolean isParked(int worker) {
        synchronized (this) {
            for (int i = 0; i < sleeperCount; i++) {
                if (sleepers[i] == worker) {
                    return true;
                }
            }
            return false;
        }
    }

    public int searchingCount() {
        return searching(lvState());
    }

    public int unparkedCount() {
        return unparked(lvState());
    }

    /** Wakes nobody but returns every sleeper's index (shutdown). */
    public synchronized int[] sleeperSnapshot() {
        return java.util.Arrays.copyOf(sleepers, sleeperCount);
    }
}
