package dev.weft.bench;

import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;

import java.util.concurrent.TimeUnit;

/** Constants and helpers shared by the workloads (port of tokio/benches/rt_multi_threaded.rs). */
final class Bench {

    private Bench() {}

    /** Tokio uses 4 workers; this machine has 2 cores, so 2 (1x the cores). */
    static final int WORKERS = 2;
    static final int NUM_SPAWN = 10_000;

    /**
     * Every operation gives up after this long and throws {@link DidNotFinish}, so a livelocked
     * executor fails its cell instead of hanging the run. Override with -Dweft.bench.timeoutMs=.
     */
    static final long TIMEOUT_NANOS =
            TimeUnit.MILLISECONDS.toNanos(Long.getLong("weft.bench.timeoutMs", 2_000));

    /** Tokio's STALL_DUR: 10 µs of CPU. */
    private static final long STALL_NANOS = 10_000;

    /**
     * Burns 10 µs of CPU. Tokio spins on {@code std::thread::yield_now()}; here a plain spin
     * ({@code onSpinWait}), because {@code Thread.yield()} on a virtual thread would yield the
     * virtual thread and change the workload for that executor.
     */
    static void stall() {
        long start = System.nanoTime();
        while (System.nanoTime() - start < STALL_NANOS) {
            Thread.onSpinWait();
        }
    }

    static long deadline() {
        return System.nanoTime() + TIMEOUT_NANOS;
    }

    /** The empty task ({@code async {}}): one shared, stateless instance. */
    static final Future<Void> EMPTY = cx -> Poll.readyVoid();
    static final Runnable EMPTY_RUNNABLE = () -> {};

    /**
     * What a stuck Weft runtime looks like: its metrics (per-worker queue depth, global queue,
     * parks) and the state and top frames of each worker thread, on one line.
     */
    static String weftDiagnostics(dev.weft.runtime.Runtime rt) {
        StringBuilder b = new StringBuilder("weft metrics: ").append(rt.metrics().toString().replace('\n', ' '));
        Thread.getAllStackTraces().forEach((t, frames) -> {
            if (t.getName().startsWith("weft-worker")) {
                b.append(" | ").append(t.getName()).append(' ').append(t.getState());
                for (int i = 0; i < Math.min(4, frames.length); i++) {
                    b.append(" <- ").append(frames[i]);
                }
            }
        });
        return b.toString();
    }

    /** An operation did not finish within the timeout: reported as "did not finish (livelock)". */
    static final class DidNotFinish extends RuntimeException {
        DidNotFinish(String what, long outstanding) {
            super("did not finish within " + TimeUnit.NANOSECONDS.toMillis(TIMEOUT_NANOS) + " ms (livelock?): "
                    + what + ", " + outstanding + " outstanding");
        }

        DidNotFinish(String message) {
            super(message);
        }
    }
}
