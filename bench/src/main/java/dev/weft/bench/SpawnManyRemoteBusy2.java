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
 * Tokio's {@code spawn_many_remote_busy2}: workers background chains, each task stalling 10 µs
 * and then spawning the next, while the outside thread spawns 1,000 empty tasks and joins them.
 * Spawning is a higher-priority notification than yielding. Bounded by {@link Bench#TIMEOUT_NANOS}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Djdk.virtualThreadScheduler.parallelism=2")
public class SpawnManyRemoteBusy2 {

    /** Tokio's busy2 spawns 1,000, not 10,000. */
    static final int NUM_SPAWN = 1_000;

    @Param({"weft", "fjp", "vthreads"})
    public String executor;

    private Executor ex;
    private RemoteSpawn spawns;
    /** Written by the benchmark thread at teardown; read by the background tasks. */
    private volatile boolean busy;

    @Setup
    public void setUp() {
        ex = new Executor(executor, Bench.WORKERS);
        spawns = new RemoteSpawn(ex, NUM_SPAWN, "spawn_many_remote_busy2");
        busy = true;
        for (int i = 0; i < Bench.WORKERS; i++) {
            switch (ex.kind) {
                case WEFT -> ex.rt.spawn(new SpawnLoop()).detach();
                case FJP -> ex.fjp.execute(new SpawnLoopRunnable());
                case VTHREADS -> Thread.startVirtualThread(new SpawnLoopThread());
            }
        }
    }

    @TearDown
    public void tearDown() {
        busy = false;
        ex.close();
    }

    @Benchmark
    public void spawnManyRemoteBusy2() {
        spawns.run();
    }

    /** {@code if busy { stall(); spawn(next) }}. */
    private final class SpawnLoop implements Future<Void> {
        @Override
        public Poll<Void> poll(Context cx) {
            if (busy) {
                Bench.stall();
                ex.rt.spawn(new SpawnLoop()).detach();
            }
            return Poll.readyVoid();
        }
    }

    private final class SpawnLoopRunnable implements Runnable {
        @Override
        public void run() {
            if (busy) {
                Bench.stall();
                ex.fjp.execute(new SpawnLoopRunnable());
            }
        }
    }

    private final class SpawnLoopThread implements Runnable {
        @Override
        public void run() {
            if (busy) {
                Bench.stall();
                Thread.startVirtualThread(new SpawnLoopThread());
            }
        }
    }
}
