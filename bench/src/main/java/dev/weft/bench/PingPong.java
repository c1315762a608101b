package dev.weft.bench;

import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;
import dev.weft.runtime.sync.Oneshot;

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

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Tokio's {@code ping_pong}: a root task spawns 1,000 pingers; each makes two oneshots, spawns a
 * ponger that awaits the first and sends on the second, sends on the first and awaits the
 * second, then counts down. One operation: 2,001 spawns, 2,000 handoffs.
 *
 * <p>Weft uses {@code sync.Oneshot} (allocated per ping, as Tokio's oneshot is); FJP uses {@code CompletableFuture.thenRunAsync(.., fjp)} as the await; vthreads block in
 * {@code CompletableFuture.join()}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Djdk.virtualThreadScheduler.parallelism=2")
public class PingPong {

    static final int NUM_PINGS = 1_000;

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
    public void pingPong() {
        work.run();
    }

    /** One operation of the workload on one executor; shared with {@link Oversubscription}. */
    static final class Work {
        private final Executor ex;
        private final Done done = new Done();

        private final Future<Void> weftRoot;
        private final Runnable fjpRoot;
        private final Runnable fjpPinger;
        private final Runnable vthreadsRoot;
        private final Runnable vthreadsPinger;

        Work(Executor ex) {
            this.ex = ex;
            this.weftRoot = cx -> {
                for (int i = 0; i < NUM_PINGS; i++) {
                    ex.rt.spawn(new Pinger());
                }
                return Poll.readyVoid();
            };
            this.fjpPinger = () -> {
                CompletableFuture<Void> ping = new CompletableFuture<>();
                CompletableFuture<Void> pong = new CompletableFuture<>();
                ex.fjp.execute(() -> ping.thenRunAsync(() -> pong.complete(null), ex.fjp));
                ping.complete(null);
                pong.thenRunAsync(done::countDown, ex.fjp);
            };
            this.fjpRoot = () -> {
                for (int i = 0; i < NUM_PINGS; i++) {
                    ex.fjp.execute(fjpPinger);
                }
            };
            this.vthreadsPinger = () -> {
                CompletableFuture<Void> ping = new CompletableFuture<>();
                CompletableFuture<Void> pong = new CompletableFuture<>();
                Thread.startVirtualThread(() -> {
                    ping.join();
                    pong.complete(null);
                });
                ping.complete(null);
                pong.join();
                done.countDown();
            };
            this.vthreadsRoot = () -> {
                for (int i = 0; i < NUM_PINGS; i++) {
                    Thread.startVirtualThread(vthreadsPinger);
                }
            };
        }

        void run() {
            done.reset(NUM_PINGS);
            switch (ex.kind) {
                case WEFT -> ex.rt.spawn(weftRoot);
                case FJP -> ex.fjp.execute(fjpRoot);
                case VTHREADS -> Thread.startVirtualThread(vthreadsRoot);
            }
            done.await("ping_pong", ex);
        }

        /** Spawns the ponger, sends ping, awaits pong, counts down. */
        private final class Pinger implements Future<Void> {
            private Oneshot.Receiver<Boolean> pong;

            @Override
            public Poll<Void> poll(Context cx) {
                if (pong == null) {
                    Oneshot.Pair<Boolean> ping = Oneshot.channel();
                    Oneshot.Pair<Boolean> pongPair = Oneshot.channel();
                    pong = pongPair.receiver();
                    ex.rt.spawn(new Ponger(ping.receiver(), pongPair.sender()));
                    ping.sender().send(Boolean.TRUE);
                }
                if (pong.poll(cx).isPending()) {
                    return Poll.pending();
                }
                done.countDown();
                return Poll.readyVoid();
            }
        }

        /** Awaits ping, sends pong. */
        private record Ponger(Oneshot.Receiver<Boolean> ping, Oneshot.Sender<Boolean> pong) implements Future<Void> {
            @Override
            public Poll<Void> poll(Context cx) {
                if (ping.poll(cx).isPending()) {
                    return Poll.pending();
                }
                pong.send(Boolean.TRUE);
                return Poll.readyVoid();
            }
        }
    }
}
