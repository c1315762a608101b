package dev.weft.runtime.scheduler;

import dev.weft.runtime.Context;
import dev.weft.runtime.Waker;
import dev.weft.runtime.driver.Driver;
import dev.weft.runtime.metrics.WorkerMetrics;
import dev.weft.runtime.task.Task;
import dev.weft.runtime.time.TimeDriver;


/**
 * One worker of the multi-thread scheduler: its run queue, LIFO slot, driver, timers and
 * counters, and the loop that runs tasks (Tokio's {@code multi_thread/worker.rs}).
 *
 * <p>The loop, per tick:
 * <ol>
 *   <li>Every {@code eventInterval} ticks, poll the driver without sleeping and fire due timers
 *       (maintenance), so I/O and timers progress while the worker is busy.</li>
 *   <li>Take the next task: every {@code globalQueueInterval} ticks a batch from the global
 *       queue first (so outside spawns cannot starve behind a local queue that never runs dry;
 *       the interval is tuned to about 200 µs of polling, as Tokio does), otherwise the LIFO
 *       slot, the local queue, then a batch from the global queue.</li>
 *   <li>None: search, by stealing half of another worker's queue (at most half of the workers
 *       search at once, see {@link Idle}), then the global queue.</li>
 *   <li>Still none: park, bounded by the nearest timer.</li>
 * </ol>
 *
 * <p>Thread roles: every field but {@link #driver}, {@link #queue} (whose stealers are other
 * workers) and {@link #metrics} (read by snapshots) is touched only by this worker's thread.
 */
final class Worker implements LocalQueue.Counter {

    /** The global-queue check interval before any poll time was measured (Tokio's default). */
    static final int INITIAL_GLOBAL_QUEUE_INTERVAL = 61;
    /** How much polling may pass between looks at the global queue (Tokio's target). */
    static final double GLOBAL_QUEUE_TARGET_NANOS = 200_000;
    /** At most this many tasks move from the global queue to a local one at a time. */
    static final int MAX_GLOBAL_BATCH = 128;

    final int index;
    final MultiThreadScheduler scheduler;
    final LocalQueue queue;
    final Driver driver;
    final TimeDriver timers;
    final WorkerMetrics metrics = new WorkerMetrics();
    private final SchedulerConfig config;
    private final Context cx;

    /** Owner only. The task woken last by the running task; not stealable. */
    private Task<?> lifoSlot;
    /** Owner only. False after the LIFO cap was hit, until the next task from the queue. */
    private boolean lifoEnabled = true;
    /** Owner only. Ticks left until the next maintenance (driver poll, timers). */
    private int ticksToMaintenance;
    /** Owner only. Ticks left until the global queue is checked first. */
    private int ticksToGlobalFirst;
    /** Owner only. Whether this worker is counted as searching in {@link Idle}. */
    private boolean searching;
    /** Owner only. True inside park(): wakes on this thread then need no notification. */
    private boolean parking;
    /** Owner only. xorshift state for picking a first victim. */
    private int seed;
    /** Owner only. Start of the current busy stretch (nanoTime). */
    private long busySince;
    /** Owner only. Scratch space for a batch taken from the global queue. */
    private final Task<?>[] batch = new Task<?>[MAX_GLOBAL_BATCH];
    /** Owner only. Current ticks between global-queue checks (tuned unless configured). */
    private int globalQueueInterval;
    /** Owner only. Polls so far; with {@link #windowStartNanos}, measures the mean poll time. */
    private long pollCount;
    /** Owner only. Start of the current measuring window (0: none, e.g. after a park). */
    private long windowStartNanos;
    /** Owner only. Polls at the start of the window. */
    private long windowStartPolls;
    /** Owner only. Exponentially weighted mean poll time; 0 until measured. */
    private double meanPollNanos;

    Worker(int index, MultiThreadScheduler scheduler, SchedulerConfig config, Driver driver) {
        this.index = index;
        this.scheduler = scheduler;
        this.config = config;
        this.queue = new LocalQueue(config.localQueueCapacity());
        this.driver = driver;
        this.timers = new TimeDriver(driver::unpark);
        this.seed = 0x9E3779B9 * (index + 1);
        this.ticksToMaintenance = config.eventInterval();
        this.globalQueueInterval = config.globalQueueInterval() > 0 ? config.globalQueueInterval() : INITIAL_GLOBAL_QUEUE_INTERVAL;
        this.ticksToGlobalFirst = globalQueueInterval;
        metrics.setTuning(globalQueueInterval, 0);
        this.cx = new Context(Waker.noop(), timers, driver);
    }

    void run() {
        timers.bindOwner(Thread.currentThread());
        busySince = System.nanoTime();
        try {
            while (!scheduler.isShutdown()) {
                if (--ticksToMaintenance <= 0) {
                    ticksToMaintenance = config.eventInterval();
                    maintenance();
                }
                Task<?> task = nextTask();
                if (task == null) {
                    task = stealWork();
                }
                if (task != null) {
                    runTask(task);
                } else {
                    park();
                }
            }
        } finally {
            shutdown();
        }
    }

    // ---- step 2: next task ----

    private Task<?> nextTask() {
        if (--ticksToGlobalFirst <= 0) {
            tuneGlobalQueueInterval();
            ticksToGlobalFirst = globalQueueInterval;
            // A batch, not one task: while local work never runs out (tasks that yield or spawn
            // in a loop) this check is the only way in for outside spawns.
            Task<?> task = pullGlobalBatch();
            return task != null ? task : nextLocalTask();
        }
        Task<?> task = nextLocalTask();
        return task != null ? task : pullGlobalBatch();
    }

    private Task<?> nextLocalTask() {
        Task<?> task = lifoSlot;
        if (task != null) {
            lifoSlot = null;
            return task;
        }
        return queue.pop();
    }

    /**
     * Tokio's tuning: check the global queue about every {@link #GLOBAL_QUEUE_TARGET_NANOS} of
     * polling, i.e. every {@code target / mean poll time} ticks, bounded to 2..127. The mean is
     * an EWMA (alpha 0.1) over windows between checks; a park ends a window unmeasured.
     */
    private void tuneGlobalQueueInterval() {
        if (config.globalQueueInterval() > 0) {
            return;
        }
        long now = System.nanoTime();
        long polls = pollCount - windowStartPolls;
        if (windowStartNanos != 0 && polls > 0) {
            double mean = (double) (now - windowStartNanos) / polls;
            meanPollNanos = meanPollNanos == 0 ? mean : 0.9 * meanPollNanos + 0.1 * mean;
            long ticks = (long) (GLOBAL_QUEUE_TARGET_NANOS / Math.max(1.0, meanPollNanos));
            globalQueueInterval = (int) Math.max(2, Math.min(127, ticks));
            metrics.setTuning(globalQueueInterval, (long) meanPollNanos);
        }
        windowStartNanos = now;
        windowStartPolls = pollCount;
    }

    /**
     * Takes {@code min(len / workers + 1, room up to half the local queue, 128)} tasks from the
     * global queue (at least one), runs the first and queues the rest locally.
     */
    private Task<?> pullGlobalBatch() {
        InjectQueue<Task<?>> inject = scheduler.inject;
        if (inject.isEmpty()) {
            return null;
        }
        long fair = inject.len() / scheduler.workers.length + 1;
        // Fill the local queue to half at most: a full queue would spill its older half back
        // to the global queue at the next push, and tasks would bounce between the two.
        int room = queue.capacity() / 2 - queue.len();
        int n = (int) Math.max(1, Math.min(Math.min(fair, room), MAX_GLOBAL_BATCH));
        int got = inject.popBatch(batch, n);
        if (got == 0) {
            return null;
        }
        for (int i = 1; i < got; i++) {
            queue.push(batch[i], scheduler);
            batch[i] = null;
        }
        Task<?> first = batch[0];
        batch[0] = null;
        metrics.incRemoteTasks(got);
        return first;
    }

    // ---- step 3: search ----

    private Task<?> stealWork() {
        if (!searching) {
            searching = scheduler.idle.transitionWorkerToSearching();
            if (!searching) {
                return null;
            }
        }
        Worker[] workers = scheduler.workers;
        int n = workers.length;
        int start = nextRandom(n);
        for (int i = 0; i < n; i++) {
            Worker victim = workers[(start + i) % n];
            if (victim == this) {
                continue;
            }
            Task<?> task = victim.queue.stealInto(queue, this);
            if (task != null) {
                return task;
            }
        }
        return pullGlobalBatch();
    }

    /** Steal counter callback from {@link LocalQueue#stealInto}. */
    @Override
    public void add(int stolen) {
        metrics.incSteals(stolen);
    }

    private int nextRandom(int bound) {
        int x = seed;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        seed = x;
        return Math.floorMod(x, bound);
    }

    // ---- running ----

    private void runTask(Task<?> task) {
        if (searching) {
            searching = false;
            if (scheduler.idle.transitionWorkerFromSearching()) {
                // Last searcher found work: wake another so the search goes on while work remains.
                scheduler.notifyParked();
            }
        }
        lifoEnabled = true;
        metrics.incPolls();
        pollCount++;
        task.run(cx, config.budget());
        int lifoPolls = 0;
        while (true) {
            Task<?> next = lifoSlot;
            if (next == null) {
                return;
            }
            lifoSlot = null;
            if (cx.remainingBudget() == 0) {
                pushBack(next);
                return;
            }
            if (++lifoPolls >= config.maxLifoPolls()) {
                // Ping-pong between two tasks must not starve the queue: stop using the slot
                // until a task comes from the queue again.
                lifoEnabled = false;
            }
            metrics.incPolls();
            metrics.incLifoPolls();
            pollCount++;
            next.run(cx, cx.remainingBudget());
        }
    }

    private void pushBack(Task<?> task) {
        int moved = queue.push(task, scheduler);
        if (moved > 0) {
            metrics.incOverflows(moved);
        }
    }

    /**
     * A wake on this worker's thread. A yield goes behind the queue, where other workers can
     * steal it; another wake takes the LIFO slot (the woken task likely reads what the running
     * one just wrote) and pushes the slot's previous occupant to the queue.
     */
    void scheduleLocal(Task<?> task, boolean isYield) {
        boolean shouldNotify;
        if (isYield || !lifoEnabled) {
            pushBack(task);
            shouldNotify = true;
        } else {
            Task<?> prev = lifoSlot;
            lifoSlot = task;
            shouldNotify = prev != null;
            if (prev != null) {
                pushBack(prev);
            }
        }
        if (shouldNotify && !parking) {
            // A hint: this worker runs the task itself if nobody steals it.
            scheduler.notifyParked(true);
        }
    }

    boolean hasLocalTasks() {
        return lifoSlot != null || !queue.isEmpty();
    }

    // ---- step 1 and 4: driver, timers, parking ----

    /** Polls the driver without sleeping and fires due timers. */
    private void maintenance() {
        parking = true;
        driver.park(0);
        timers.fireExpired(System.nanoTime());
        parking = false;
        if (!queue.isEmpty()) {
            scheduler.notifyParked();
        }
    }

    private void park() {
        if (hasLocalTasks()) {
            return;
        }
        Idle idle = scheduler.idle;
        boolean wasLastSearcher = idle.transitionWorkerToParked(index, searching);
        searching = false;
        if (wasLastSearcher) {
            scheduler.notifyIfWorkPending();
        }
        metrics.addBusyNanos(System.nanoTime() - busySince);
        metrics.incParks();
        parking = true;
        while (true) {
            // Checked before every sleep, not only after: maintenance's non-blocking park(0) may
            // have consumed the wake-up shutdown() sent, and that wake-up came after the flag
            // was set (ordering: the flag's volatile write precedes unpark's release; our
            // consuming CAS acquires it), so the flag is visible here.
            if (scheduler.isShutdown()) {
                break;
            }
            long deadline = timers.nextDeadlineNanos();
            long timeout = deadline == Long.MAX_VALUE ? -1 : Math.max(0, deadline - System.nanoTime());
            driver.park(timeout);
            timers.fireExpired(System.nanoTime());
            if (scheduler.isShutdown()) {
                break;
            }
            if (hasLocalTasks()) {
                // Woken by a timer or I/O that queued work here; if a notifier also picked this
                // worker it was counted as searching, otherwise it unlists itself.
                searching = !idle.unparkWorkerById(index);
                break;
            }
            if (!idle.isParked(index)) {
                // Picked by a notifier, which counted this worker as searching.
                searching = true;
                break;
            }
        }
        parking = false;
        windowStartNanos = 0;
        metrics.incUnparks();
        busySince = System.nanoTime();
    }

    // ---- shutdown ----

    /** Cancels this worker's share of the live tasks here, then drops every queued entry. */
    private void shutdown() {
        try {
            scheduler.owned.shutdownShards(index, scheduler.workers.length);
            drainQueues();
        } finally {
            try {
                driver.close();
            } finally {
                // Last: close() returns once every worker got here, its driver's fds released.
                scheduler.workerStopped();
            }
        }
    }

    private void drainQueues() {
        Task<?> task;
        while ((task = nextLocalTask()) != null) {
            task.shutdownQueued();
        }
        while ((task = scheduler.inject.pop()) != null) {
            task.shutdownQueued();
        }
    }

    int localQueueDepth() {
        return Math.max(0, queue.len());
    }
}
