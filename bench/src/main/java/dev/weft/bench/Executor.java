package dev.weft.bench;

import dev.weft.runtime.Runtime;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * The three executors every workload runs on, side by side in one JMH run:
 * <ul>
 *   <li>{@code weft}: a multi-thread Weft runtime with {@code workers} workers;</li>
 *   <li>{@code fjp}: {@code new ForkJoinPool(workers, ..., asyncMode = true)}, driven the way a
 *       Java user would drive it (Runnable resubmission, CompletableFuture, counters);</li>
 *   <li>{@code vthreads}: the JDK's virtual-thread scheduler ({@code Thread.startVirtualThread},
 *       {@code Thread.yield()}); its parallelism is fixed per JVM by
 *       {@code -Djdk.virtualThreadScheduler.parallelism=2}, set in every benchmark's {@code @Fork}.</li>
 * </ul>
 * Created in a trial's setup and closed in its teardown.
 */
final class Executor implements AutoCloseable {

    enum Kind { WEFT, FJP, VTHREADS }

    final Kind kind;
    /** Non-null for WEFT only. */
    final Runtime rt;
    /** Non-null for FJP only. */
    final ForkJoinPool fjp;

    Executor(String name, int workers) {
        this.kind = Kind.valueOf(name.toUpperCase());
        this.rt = kind == Kind.WEFT ? Runtime.builder().workers(workers).build() : null;
        this.fjp = kind == Kind.FJP
                ? new ForkJoinPool(workers, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true)
                : null;
        if (kind == Kind.VTHREADS && workers != 2) {
            throw new IllegalArgumentException("vthreads parallelism is fixed at 2 per JVM");
        }
    }

    @Override
    public void close() {
        if (rt != null) {
            rt.close();
        }
        if (fjp != null) {
            fjp.shutdownNow();
            try {
                fjp.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
