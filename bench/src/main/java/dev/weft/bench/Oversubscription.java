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

/**
 * Seed question 1: yield_many and ping_pong on Weft with 2, 4 and 8 workers on this 2-core
 * machine (1x, 2x, 4x oversubscription). Target: at 4x, at most 10% slower than at 1x.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Djdk.virtualThreadScheduler.parallelism=2")
public class Oversubscription {

    @Param({"2", "4", "8"})
    public int workers;

    private Executor ex;
    private YieldMany.Work yieldMany;
    private PingPong.Work pingPong;

    @Setup
    public void setUp() {
        ex = new Executor("weft", workers);
        yieldMany = new YieldMany.Work(ex);
        pingPong = new PingPong.Work(ex);
    }

    @TearDown
    public void tearDown() {
        ex.close();
    }

    @Benchmark
    public void weftYieldMany() {
        yieldMany.run();
    }

    @Benchmark
    public void weftPingPong() {
        pingPong.run();
    }
}
