package dev.weft.runtime;

import dev.weft.runtime.blocking.BlockingCall;
import dev.weft.runtime.blocking.BlockingPool;
import dev.weft.runtime.metrics.RuntimeMetrics;
import dev.weft.runtime.scheduler.CurrentThreadScheduler;
import dev.weft.runtime.scheduler.MultiThreadScheduler;
import dev.weft.runtime.scheduler.WorkerThread;
import dev.weft.runtime.task.Task;
import dev.weft.runtime.time.TimeDriver;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * A Weft runtime: spawns tasks onto a scheduler, drives futures to completion, runs blocking
 * calls on a separate pool, and shuts everything down on {@link #close()}.
 *
 * <pre>{@code
 * try (Runtime rt = Runtime.builder().workers(4).build()) {
 *     JoinHandle<Integer> h = rt.spawn(cx -> Poll.ready(42));
 *     int v = rt.blockOn(h);
 * }
 * }</pre>
 *
 * Two flavors: {@link Flavor#MULTI_THREAD} (work-stealing workers, the default) and
 * {@link Flavor#CURRENT_THREAD} (tasks run on the thread inside {@link #blockOn}).
 */
public final class Runtime implements AutoCloseable {

    public enum Flavor { MULTI_THREAD, CURRENT_THREAD }

    private static final AtomicLong TASK_IDS = new AtomicLong(1);
    /** The runtime of a thread inside blockOn (worker threads find theirs through WorkerThread). */
    private static final ThreadLocal<Runtime> BLOCK_ON = new ThreadLocal<>();

    private final MultiThreadScheduler multi;
    private final CurrentThreadScheduler current;
    private final BlockingPool blocking;
    private final Duration shutdownTimeout;
    private volatile boolean closed;

    Runtime(RuntimeBuilder b) {
        BiConsumer<Task<?>, Throwable> onError = b.errorHandler();
        if (b.flavor() == Flavor.MULTI_THREAD) {
            this.multi = new MultiThreadScheduler(b.schedulerConfig(), onError);
            this.current = null;
        } else {
            this.multi = null;
            this.current = new CurrentThreadScheduler(b.schedulerConfig(), onError);
        }
        this.blocking = new BlockingPool(b.threadName() + "-blocking", b.maxBlockingThreads(), b.blockingKeepAlive());
        this.shutdownTimeout = b.shutdownTimeout();
        if (multi != null) {
            multi.attach(this);
            multi.start();
        }
    }

    public static RuntimeBuilder builder() {
        return new RuntimeBuilder();
    }

    /** The runtime of the calling worker thread or blockOn caller; throws elsewhere. */
    public static Runtime current() {
        if (Thread.currentThread() instanceof WorkerThread wt) {
            return (Runtime) wt.scheduler().attachment();
        }
        Runtime rt = BLOCK_ON.get();
        if (rt == null) {
            throw new IllegalStateException("not inside a Weft runtime (no worker thread, no blockOn)");
        }
        return rt;
    }

    /** Throws when called on a worker thread, which must never block. */
    static void checkNotOnWorker(String what) {
        if (Thread.currentThread() instanceof WorkerThread) {
            throw new IllegalStateException(what + " would block a Weft worker; poll the future from a task instead");
        }
    }

    /** Spawns {@code future} as a task. After close the task is cancelled at once. */
    public <T> JoinHandle<T> spawn(Future<T> future) {
        Objects.requireNonNull(future, "future");
        Task<T> task = new Task<>(TASK_IDS.getAndIncrement(), future, multi != null ? multi : current);
        if (multi != null) {
            multi.spawn(task);
        } else {
            current.spawn(task);
        }
        return task;
    }

    /** Runs {@code call} on the blocking pool; the handle completes with its result. */
    public <T> JoinHandle<T> spawnBlocking(Callable<T> call) {
        return spawn(new BlockingCall<>(blocking, call));
    }

    /**
     * Drives {@code future} to completion on the calling thread and returns its value. In the
     * current-thread flavor, spawned tasks run here meanwhile.
     *
     * @throws IllegalStateException on a worker thread (it would block the worker)
     */
    public <T> T blockOn(Future<T> future) {
        checkNotOnWorker("blockOn");
        Runtime outer = BLOCK_ON.get();
        BLOCK_ON.set(this);
        try {
            if (current != null) {
                return current.blockOn(future);
            }
            return blockOnMulti(future);
        } finally {
            if (outer == null) {
                BLOCK_ON.remove();
            } else {
                BLOCK_ON.set(outer);
            }
        }
    }

    private <T> T blockOnMulti(Future<T> future) {
        ThreadWaker waker = new ThreadWaker(Thread.currentThread());
        Context cx = new Context(waker, multi.timersForCurrentThread());
        while (true) {
            if (closed) {
                throw new IllegalStateException("runtime closed while blockOn was waiting");
            }
            Poll<T> p = future.poll(cx);
            if (p instanceof Poll.Ready<T> ready) {
                return ready.value();
            }
            ThreadWaker.checkInterrupt("blockOn");
            waker.park(-1);
        }
    }

    /** The timers of the calling thread's worker (or a shared one off the workers). */
    public TimeDriver timers() {
        return multi != null ? multi.timersForCurrentThread() : current.timers();
    }

    public int workers() {
        return multi != null ? multi.workerCount() : 1;
    }

    public Flavor flavor() {
        return multi != null ? Flavor.MULTI_THREAD : Flavor.CURRENT_THREAD;
    }

    /** A snapshot of the runtime's counters; cheap, and never blocks the workers. */
    public RuntimeMetrics metrics() {
        if (multi != null) {
            return new RuntimeMetrics(multi.workerMetrics(), multi.globalQueueDepth(), multi.liveTasks(), blocking.threads());
        }
        return new RuntimeMetrics(current.workerMetrics(), current.globalQueueDepth(), current.liveTasks(), blocking.threads());
    }

    /**
     * Cancels every task left (each one's cleanup runs exactly once, on a worker), stops the
     * workers and the blocking pool, and waits for them up to the builder's shutdown timeout.
     * Called on a worker, it starts the shutdown without waiting for itself.
     *
     * @throws IllegalStateException when the workers did not stop in time (a task blocks in poll)
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean finished;
        try {
            if (multi != null) {
                multi.shutdown();
                finished = multi.isWorkerThread() || multi.awaitTermination(shutdownTimeout.toNanos());
            } else {
                finished = current.shutdown(shutdownTimeout.toNanos());
            }
            blocking.shutdown(Duration.ofMillis(100));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while closing the runtime", e);
        }
        if (!finished) {
            throw new IllegalStateException("runtime did not stop within " + shutdownTimeout
                    + ": a task is blocking inside poll()");
        }
    }

    public boolean isClosed() {
        return closed;
    }
}
