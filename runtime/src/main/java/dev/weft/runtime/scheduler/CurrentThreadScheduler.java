package dev.weft.runtime.scheduler;

import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Waker;
import dev.weft.runtime.driver.Driver;
import dev.weft.runtime.metrics.WorkerMetrics;
import dev.weft.runtime.task.OwnedTasks;
import dev.weft.runtime.task.Scheduler;
import dev.weft.runtime.task.Task;
import dev.weft.runtime.time.TimeDriver;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

/**
 * The single-thread flavor (Tokio's {@code current_thread}): tasks run on the thread that calls
 * {@link #blockOn}, interleaved with the future it blocks on. No stealing, no LIFO slot.
 *
 * <p>Tasks make progress only while some thread is inside {@code blockOn}; one thread at a time
 * drives the scheduler (others wait for the driving lock). Wakes from the driving thread go to
 * a local deque; wakes from elsewhere go to the global queue and unpark the driver.
 */
public final class CurrentThreadScheduler implements Scheduler {

    private final SchedulerConfig config;
    private final BiConsumer<Task<?>, Throwable> errorHandler;
    private final InjectQueue<Task<?>> inject = new InjectQueue<>();
    private final OwnedTasks owned = new OwnedTasks(1);
    private final ReentrantLock drivingLock = new ReentrantLock();
    private final Driver driver;
    private final TimeDriver timers;
    private final WorkerMetrics metrics = new WorkerMetrics();
    /** Guarded by drivingLock. */
    private final ArrayDeque<Task<?>> local = new ArrayDeque<>();
    /** Guarded by drivingLock. */
    private final Context cx;
    /** The thread holding drivingLock, or null; read by wakers to choose local vs global. */
    private volatile Thread driving;
    private volatile boolean shutdown;
    /** Guarded by drivingLock. */
    private int tick;

    public CurrentThreadScheduler(SchedulerConfig config, BiConsumer<Task<?>, Throwable> errorHandler) {
        this.config = config;
        this.errorHandler = errorHandler;
        this.driver = config.drivers().create(0);
        this.timers = new TimeDriver(driver::unpark);
        this.cx = new Context(Waker.noop(), timers, driver);
        metrics.setTuning(globalQueueInterval(), 0);
    }

    /** A fixed interval: one thread has no stealers to balance, so no tuning (61 by default). */
    private int globalQueueInterval() {
        int configured = config.globalQueueInterval();
        return configured > 0 ? configured : 61;
    }

    public boolean spawn(Task<?> task) {
        if (!owned.bind(task)) {
            task.shutdownQueued();
            return false;
        }
        schedule(task);
        return true;
    }

    public boolean isDrivingThread() {
        return driving == Thread.currentThread();
    }

    public TimeDriver timers() {
        return timers;
    }

    /** A waker for the blocked-on future: flags it and unparks the driving thread. */
    private final class MainWaker implements Waker {
        volatile boolean woken = true;

        @Override
        public void wake() {
            woken = true;
            driver.unpark();
        }
    }

    /** Runs tasks on the calling thread until {@code future} completes. */
    public <T> T blockOn(Future<T> future) {
        drivingLock.lock();
        try {
            driving = Thread.currentThread();
            timers.bindOwner(driving);
            MainWaker main = new MainWaker();
            while (true) {
                if (shutdown) {
                    throw new IllegalStateException("runtime closed while blockOn was waiting");
                }
                if (main.woken) {
                    main.woken = false;
                    cx.enterExternal(main, config.budget());
                    Poll<T> p = future.poll(cx);
                    cx.exit();
                    if (p instanceof Poll.Ready<T> ready) {
                        return ready.value();
                    }
                }
                int ran = runBatch(main);
                if (ran == 0 && !main.woken) {
                    long deadline = timers.nextDeadlineNanos();
                    long timeout = deadline == Long.MAX_VALUE ? -1 : Math.max(0, deadline - System.nanoTime());
                    metrics.incParks();
                    driver.park(timeout);
                    metrics.incUnparks();
                } else {
                    driver.park(0);
                }
                timers.fireExpired(System.nanoTime());
            }
        } finally {
            driving = null;
            drivingLock.unlock();
        }
    }

    private int runBatch(MainWaker main) {
        int ran = 0;
        while (ran < config.eventInterval() && !main.woken) {
            tick++;
            Task<?> task;
            if (tick % globalQueueInterval() == 0) {
                task = inject.pop();
                if (task == null) {
                    task = local.pollFirst();
                }
            } else {
                task = local.pollFirst();
                if (task == null) {
                    task = inject.pop();
                }
            }
            if (task == null) {
                break;
            }
            metrics.incPolls();
            task.run(cx, config.budget());
            ran++;
        }
        return ran;
    }

    @Override
    public void schedule(Task<?> task) {
        if (driving == Thread.currentThread()) {
            local.addLast(task);
        } else if (inject.push(task)) {
            driver.unpark();
        } else {
            task.shutdownQueued();
        }
    }

    @Override
    public void yieldTask(Task<?> task) {
        schedule(task);
    }

    @Override
    public void release(Task<?> task) {
        owned.remove(task);
    }

    @Override
    public void reportError(Task<?> task, Throwable error) {
        errorHandler.accept(task, error);
    }

    /**
     * Cancels every live task on the calling thread, once no thread drives the scheduler (a
     * thread inside blockOn leaves it with an IllegalStateException). Returns false on timeout.
     */
    public boolean shutdown(long timeoutNanos) throws InterruptedException {
        shutdown = true;
        owned.close();
        inject.close();
        driver.unpark();
        if (!drivingLock.tryLock(timeoutNanos, TimeUnit.NANOSECONDS)) {
            return false;
        }
        try {
            driving = Thread.currentThread();
            owned.shutdownShards(0, 1);
            Task<?> task;
            while ((task = local.pollFirst()) != null) {
                task.shutdownQueued();
            }
            while ((task = inject.pop()) != null) {
                task.shutdownQueued();
            }
            driver.close();
            return true;
        } finally {
            driving = null;
            drivingLock.unlock();
        }
    }

    public List<WorkerMetrics.WorkerSnapshot> workerMetrics() {
        return List.of(metrics.snapshot(0, local.size(), timers.size()));
    }

    public long globalQueueDepth() {
        return inject.len();
    }

    public long liveTasks() {
        return owned.liveTasks();
    }
}
