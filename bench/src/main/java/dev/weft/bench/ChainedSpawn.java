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

/** Tokio's {@code chained_spawn}: each task spawns the next, 1,000 deep; the last signals. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Djdk.virtualThreadScheduler.parallelism=2")
public class ChainedSpawn {

    static final int ITER = 1_000;

    @Param({"weft", "fjp", "vthreads"})
    public String executor;

    private Executor ex;
    private final Done done = new Done();

    @Setup
    public void setUp() {
        ex = new Executor(executor, Bench.WORKERS);
    }

    @TearDown
    public void tearDown() {
        ex.close();
    }

    @Benchmark
    public void chainedSpawn() {
        done.reset(1);
        switch (ex.kind) {
            case WEFT -> ex.rt.spawn(new Link(ITER));
            case FJP -> ex.fjp.execute(new LinkRunnable(ITER, true));
            case VTHREADS -> Thread.startVirtualThread(new LinkRunnable(ITER, false));
        }
        done.await("chained_spawn", ex);
    }

    private final class Link implements Future<Void> {
        private final int n;

        Link(int n) {
            this.n = n;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            if (n == 0) {
                done.countDown();
            } else {
                ex.rt.spawn(new Link(n - 1));
            }
            return Poll.readyVoid();
        }
    }

    /** The FJP ({@code fjp.execute}) or virtual-thread ({@code startVirtualThread}) link. */
    private final class LinkRunnable implements Runnable {
        private final int n;
        private final boolean fjp;

        LinkRunnable(int n, boolean fjp) {
            this.n = n;
            this.fjp = fjp;
        }

        @Override
        public void run() {
            if (n == 0) {
                done.countDown();
            } else if (fjp) {
                ex.fjp.execute(new LinkRunnable(n - 1, true));
            } else {
                Thread.startVirtualThread(new LinkRunnable(n - 1, false));
            }
        }
    }
}
