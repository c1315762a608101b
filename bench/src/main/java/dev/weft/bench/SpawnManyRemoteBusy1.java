package dev.weft.bench;

import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * Tokio's {@code spawn_many_remote_busy1}: 2 x workers background tasks loop
 * {@code yield; stall 10 µs} for the whole trial while the outside thread spawns 10,000 empty
 * tasks and joins them. Yielding is a lower-priority notification than spawning; an executor
 * that drains its own queue without bound never reaches the outside spawns (DESIGN.md), and the
 * operation then fails after {@link Bench#TIMEOUT_NANOS} with "did not finish (livelock?)".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Djdk.virtualThreadScheduler.parallelism=2")
public class SpawnManyRemoteBusy1 {

    @Param({"weft", "fjp", "vthreads"})
    public String executor;

    private Executor ex;
    private RemoteSpawn spawns;
    /** Written by the benchmark thread at teardown; read by the background tasks. */
    private volatile boolean busy;

    @Setup
    public void setUp() {
        ex = new Executor(executor, Bench.WORKERS);
        spawns = new RemoteSpawn(ex, Bench.NUM_SPAWN, "spawn_many_remote_busy1");
        busy = true;
        for (int i = 0; i < 2 * Bench.WORKERS; i++) {
            switch (ex.kind) {
                case WEFT -> ex.rt.spawn(new YieldLoop()).detach();
                case FJP -> ex.fjp.execute(new YieldLoopRunnable());
                case VTHREADS -> Thread.startVirtualThread(() -> {
                    while (busy) {
                        Thread.yield();
                        Bench.stall();
                    }
                });
            }
        }
    }

    @TearDown
    public void tearDown() {
        busy = false;
        ex.close();
    }

    @Benchmark
    public void spawnManyRemoteBusy1() {
        spawns.run();
    }

    /** {@code while busy { yield_now().await; stall() }} as a state machine. */
    private final class YieldLoop implements Future<Void> {
        private boolean yielded;

        @Override
        public Poll<Void> poll(Context cx) {
            if (yielded) {
                Bench.stall();
            }
            if (!busy) {
                return Poll.readyVoid();
            }
            yielded = true;
            return cx.yieldNow();
        }
    }

    /** The same loop for FJP: a yield is a re-submission of the Runnable from its worker. */
    private final class YieldLoopRunnable implements Runnable {
        private boolean yielded;

        @Override
        public void run() {
            if (yielded) {
                Bench.stall();
            }
            if (busy) {
                yielded = true;
                ex.fjp.execute(this);
            }
        }
    }
}
