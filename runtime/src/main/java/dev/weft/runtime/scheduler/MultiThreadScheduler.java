package dev.weft.runtime.scheduler;

import dev.weft.runtime.metrics.WorkerMetrics;
import dev.weft.runtime.task.OwnedTasks;
import dev.weft.runtime.task.Scheduler;
import dev.weft.runtime.task.Task;
import dev.weft.runtime.time.TimeDriver;

import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The multi-thread work-stealing scheduler: N {@link Worker}s, the global {@link InjectQueue},
 * the {@link Idle} coordinator and the {@link OwnedTasks} list.
 *
 * <p>Shutdown protocol:
 * <ol>
 *   <li>{@link #shutdown()} sets the flag, closes the owned list (later spawns are cancelled by
 *       their spawner), closes the global queue (later remote wakes cancel the task on the waking
 *       thread), and unparks every worker.</li>
 *   <li>Each worker leaves its loop at the next check of the flag (after its current poll), then
 *       cancels the live tasks of its shards of the owned list, running their cleanup on itself.
 *       A task being polled by another worker is only marked; that worker cancels it when its
 *       poll returns, before it looks at the flag again.</li>
 *   <li>Each worker then drops every entry of its queues and of the global queue.</li>
 *   <li>{@link #awaitTermination} waits for every worker to finish, bounded in time.</li>
 * </ol>
 * Every live task is cancelled exactly once because a task is either unlisted by one worker's
 * walk (2) or claimed by its poller; both go through {@code Task.transitionToShutdown}, which
 * only one thread can win.
 */
public final class MultiThreadScheduler implements Scheduler, LocalQueue.Overflow {

    final Worker[] workers;
    final InjectQueue<Task<?>> inject = new InjectQueue<>();
    final Idle idle;
    final OwnedTasks owned;
    private final SchedulerConfig config;
    private final BiConsumer<Task<?>, Throwable> errorHandler;
    private final CountDownLatch stopped;
    /** The Runtime that owns this scheduler; written once before start(). */
    private volatile Object attachment;
    /** Set once by shutdown(); read by workers each tick. */
    private volatile boolean shutdown;

    public MultiThreadScheduler(SchedulerConfig config, BiConsumer<Task<?>, Throwable> errorHandler) {
        this.config = config;
        this.errorHandler = errorHandler;
        int n = config.workers();
        this.idle = new Idle(n);
        this.owned = new OwnedTasks(Math.min(64, 4 * n));
        this.stopped = new CountDownLatch(n);
        this.workers = new Worker[n];
        for (int i = 0; i < n; i++) {
            workers[i] = new Worker(i, this, config, config.drivers().create(i));
        }
    }

    /** Attaches the owning runtime, found by {@code Runtime.current()} on worker threads. */
    public void attach(Object owner) {
        this.attachment = owner;
    }

    public Object attachment() {
        return attachment;
    }

    /** Starts the worker threads. */
    public void start() {
        for (Worker w : workers) {
            new WorkerThread(w, config.threadName() + "-" + w.index).start();
        }
    }

    public int workerCount() {
        return workers.length;
    }

    boolean isShutdown() {
        return shutdown;
    }

    /** Binds and queues a new task. Returns false (task cancelled) when the runtime is closed. */
    public boolean spawn(Task<?> task) {
        if (!owned.bind(task)) {
            task.shutdownQueued();
            return false;
        }
        schedule(task);
        return true;
    }

    // ---- task.Scheduler ----

    @Override
    public void schedule(Task<?> task) {
        Worker local = currentWorker();
        if (local != null) {
            local.scheduleLocal(task, false);
        } else {
            scheduleRemote(task);
        }
    }

    @Override
    public void yieldTask(Task<?> task) {
        Worker local = currentWorker();
        if (local != null) {
            local.scheduleLocal(task, true);
        } else {
            scheduleRemote(task);
        }
    }

    private void scheduleRemote(Task<?> task) {
        if (!inject.push(task)) {
            task.shutdownQueued();
            return;
        }
        notifyParked();
    }

    @Override
    public void release(Task<?> task) {
        owned.remove(task);
    }

    @Override
    public void reportError(Task<?> task, Throwable error) {
        errorHandler.accept(task, error);
    }

    /** The worker of this scheduler running on the calling thread, or null. */
    Worker currentWorker() {
        if (Thread.currentThread() instanceof WorkerThread wt && wt.worker.scheduler == this) {
            return wt.worker;
        }
        return null;
    }

    public boolean isWorkerThread() {
        return currentWorker() != null;
    }

    // ---- LocalQueue.Overflow ----

    @Override
    public void pushOne(Task<?> task) {
        scheduleRemote(task);
    }

    @Override
    public void pushBatch(Task<?>[] tasks) {
        if (!inject.pushBatch(tasks)) {
            for (Task<?> t : tasks) {
                t.shutdownQueued();
            }
        }
    }

    // ---- idle coordination ----

    /** Wakes a sleeping worker for work pushed to the global queue (or anywhere, to be safe). */
    void notifyParked() {
        notifyParked(false);
    }

    /** Wakes a sleeping worker; {@code pusherRunsIt}: see {@link Idle#workerToNotify(boolean)}. */
    void notifyParked(boolean pusherRunsIt) {
        int w = idle.workerToNotify(pusherRunsIt);
        if (w >= 0) {
            workers[w].driver.unpark();
        }
    }

    /** The last searcher is going to sleep: wake someone if any queue still holds work. */
    void notifyIfWorkPending() {
        // ordering: full fence; the parking worker's state update must not be reordered after
        // these queue reads (store-load). Pairs with the fence in Idle.workerToNotify().
        VarHandle.fullFence();
        for (Worker w : workers) {
            if (!w.queue.isEmpty()) {
                notifyParked();
                return;
            }
        }
        if (!inject.isEmpty()) {
            notifyParked();
        }
    }

    // ---- timers ----

    /**
     * The timers a sleep registers with: the current worker's; from other threads, a worker
     * chosen by thread id, so outside sleepers spread over the workers.
     */
    public TimeDriver timersForCurrentThread() {
        Worker w = currentWorker();
        if (w != null) {
            return w.timers;
        }
        return workers[(int) Math.floorMod(Thread.currentThread().threadId(), (long) workers.length)].timers;
    }

    // ---- shutdown ----

    /** Step 1 of the shutdown protocol. Idempotent. */
    public void shutdown() {
        if (shutdown) {
            return;
        }
        shutdown = true;
        owned.close();
        inject.close();
        for (Worker w : workers) {
            w.driver.unpark();
        }
    }

    void workerStopped() {
        stopped.countDown();
    }

    /** Step 4: waits for every worker to finish; returns false on timeout. */
    public boolean awaitTermination(long timeoutNanos) throws InterruptedException {
        return stopped.await(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    // ---- metrics ----

    public List<WorkerMetrics.WorkerSnapshot> workerMetrics() {
        List<WorkerMetrics.WorkerSnapshot> out = new ArrayList<>(workers.length);
        for (Worker w : workers) {
            out.add(w.metrics.snapshot(w.index, w.localQueueDepth(), w.timers.size()));
        }
        return out;
    }

    public long globalQueueDepth() {
        return inject.len();
    }

    public long liveTasks() {
        return owned.liveTasks();
    }
}
