package dev.weft.bench;

import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Runtime;

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
 * Tokio's {@code spawn_many_local}: one task on a worker spawns 10,000 empty tasks; each
 * decrements a shared counter and the last one signals the outside thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Djdk.virtualThreadScheduler.parallelism=2")
public class SpawnManyLocal {

    @Param({"weft", "fjp", "vthreads"})
    public String executor;

    private Executor ex;
    private final Done done = new Done();

    /** The spawned task: shared and stateless (Tokio allocates one per spawn, inside the task). */
    private final Future<Void> decrement = cx -> {
        done.countDown();
        return Poll.readyVoid();
    };
    private final Runnable decrementRunnable = done::countDown;

    private final Future<Void> weftRoot = cx -> {
        Runtime rt = ex.rt;
        for (int i = 0; i < Bench.NUM_SPAWN; i++) {
            rt.spawn(decrement);
        }
        return Poll.readyVoid();
    };
    private final Runnable fjpRoot = () -> {
        for (int i = 0; i < Bench.NUM_SPAWN; i++) {
            ex.fjp.execute(decrementRunnable);
        }
    };
    private final Runnable vthreadsRoot = () -> {
        for (int i = 0; i < Bench.NUM_SPAWN; i++) {
            Thread.startVirtualThread(decrementRunnable);
        }
    };

    @Setup
    public void setUp() {
        ex = new Executor(executor, Bench.WORKERS);
    }

    @TearDown
    public void tearDown() {
        ex.close();
    }

    @Benchmark
    public void spawnManyLocal() {
        done.reset(Bench.NUM_SPAWN);
        switch (ex.kind) {
            case WEFT -> ex.rt.spawn(weftRoot);
            case FJP -> ex.fjp.execute(fjpRoot);
            case VTHREADS -> Thread.startVirtualThread(vthreadsRoot);
        }
        done.await("spawn_many_local", ex);
    }
}
