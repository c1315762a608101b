package dev.weft.runtime.blocking;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for blocking calls (file I/O, JDBC, DNS), kept off the workers (Tokio's blocking pool).
 *
 * <p>Grows one thread per call up to {@code maxThreads}; calls beyond that wait in a FIFO queue.
 * A thread idle for {@code keepAlive} exits, so an idle runtime holds no blocking threads.
 * Built on {@link ThreadPoolExecutor} with core size = max size and core time-out, which gives
 * exactly that policy.
 */
public final class BlockingPool implements AutoCloseable {

    private final ThreadPoolExecutor executor;

    public BlockingPool(String threadName, int maxThreads, Duration keepAlive) {
        AtomicInteger seq = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, threadName + "-" + seq.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = new ThreadPoolExecutor(maxThreads, maxThreads, keepAlive.toNanos(), TimeUnit.NANOSECONDS,
                new LinkedBlockingQueue<>(), factory);
        executor.allowCoreThreadTimeOut(true);
    }

    /** Runs {@code call} on a blocking thread; returns a handle to interrupt it. */
    public java.util.concurrent.Future<?> submit(Runnable call) {
        return executor.submit(call);
    }

    /** Threads alive now. */
    public int threads() {
        return executor.getPoolSize();
    }

    /** Calls waiting for a thread. */
    public int queued() {
        return executor.getQueue().size();
    }

    /** Interrupts running calls, drops queued ones, and waits up to {@code timeout}. */
    public boolean shutdown(Duration timeout) throws InterruptedException {
        executor.shutdownNow();
        return executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
