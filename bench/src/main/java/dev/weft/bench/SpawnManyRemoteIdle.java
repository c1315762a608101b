package dev.weft.bench;

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

/** Tokio's {@code spawn_many_remote_idle}: 10,000 spawns from outside into an idle runtime. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Djdk.virtualThreadScheduler.parallelism=2")
public class SpawnManyRemoteIdle {

    @Param({"weft", "fjp", "vthreads"})
    public String executor;

    private Executor ex;
    private RemoteSpawn spawns;

    @Setup
    public void setUp() {
        ex = new Executor(executor, Bench.WORKERS);
        spawns = new RemoteSpawn(ex, Bench.NUM_SPAWN, "spawn_many_remote_idle");
    }

    @TearDown
    public void tearDown() {
        ex.close();
    }

    @Benchmark
    public void spawnManyRemoteIdle() {
        spawns.run();
    }
}
