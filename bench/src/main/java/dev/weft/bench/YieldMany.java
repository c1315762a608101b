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
 * Tokio's {@code yield_many}: the outside thread spawns 200 tasks that each yield 1,000 times
 * and then signal; one operation is 200,000 yields (201,000 polls).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Djdk.virtualThreadScheduler.parallelism=2")
public class YieldMany {

    static final int TASKS = 200;
    static final int NUM_YIELD = 1_000;

    @Param({"weft", "fjp", "vthreads"})
    public String executor;

    private Executor ex;
    private Work work;

    @Setup
    public void setUp() {
        ex = new Executor(executor, Bench.WORKERS);
        work = new Work(ex);
    }

    @TearDown
    public void tearDown() {
        ex.close();
    }

    @Benchmark
    public void yieldMany() {
        work.run();
    }

    /** One operation of the workload on one executor; shared with {@link Oversubscription}. */
    static final class Work {
        private final Executor ex;
        private final Done done = new Done();
        private final Runnable vthreadBody = () -> {
            for (int i = 0; i < NUM_YIELD; i++) {
                Thread.yield();
            }
            done.countDown();
        };

        Work(Executor ex) {
            this.ex = ex;
        }

        void run() {
            done.reset(TASKS);
            for (int i = 0; i < TASKS; i++) {
                switch (ex.kind) {
                    case WEFT -> ex.rt.spawn(new Yielder());
                    case FJP -> ex.fjp.execute(new YielderRunnable());
                    case VTHREADS -> Thread.startVirtualThread(vthreadBody);
                }
            }
            done.await("yield_many", ex);
        }

        /** {@code for _ in 0..NUM_YIELD { yield_now().await }; done}: no allocation per poll. */
        private final class Yielder implements Future<Void> {
            private int left = NUM_YIELD;

            @Override
            public Poll<Void> poll(Context cx) {
                if (left == 0) {
                    done.countDown();
                    return Poll.readyVoid();
                }
                left--;
                return cx.yieldNow();
            }
        }

        /**
         * The Java way on FJP: a yield re-submits the Runnable from its worker. Note that
         * {@code ForkJoinPool.execute(Runnable)} wraps it in a new adapter task each time.
         */
        private final class YielderRunnable implements Runnable {
            private int left = NUM_YIELD;

            @Override
            public void run() {
                if (left == 0) {
                    done.countDown();
                    return;
                }
                left--;
                ex.fjp.execute(this);
            }
        }
    }
}
