package dev.weft.bench;

import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Poll;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The body of Tokio's {@code spawn_many_remote_*}: the outside thread spawns {@code count} empty
 * tasks, then awaits every handle in order (Weft: JoinHandles polled by one outside future;
 * FJP: {@code submit} and {@code ForkJoinTask.get}; vthreads: {@code Thread.join}). Every wait
 * is bounded by {@link Bench#TIMEOUT_NANOS}. Handle arrays are reused across operations.
 */
final class RemoteSpawn {

    private final Executor ex;
    private final int count;
    private final String what;
    private final JoinHandle<?>[] handles;
    private final ForkJoinTask<?>[] tasks;
    private final Thread[] threads;
    private final TimedBlockOn blockOn = new TimedBlockOn();
    private final JoinAll joinAll = new JoinAll();

    RemoteSpawn(Executor ex, int count, String what) {
        this.ex = ex;
        this.count = count;
        this.what = what;
        this.handles = new JoinHandle<?>[count];
        this.tasks = new ForkJoinTask<?>[count];
        this.threads = new Thread[count];
    }

    void run() {
        switch (ex.kind) {
            case WEFT -> {
                for (int i = 0; i < count; i++) {
                    handles[i] = ex.rt.spawn(Bench.EMPTY);
                }
                joinAll.next = 0;
                try {
                    blockOn.run(joinAll, what, () -> count - joinAll.next);
                } catch (Bench.DidNotFinish e) {
                    // The runtime's own counters say where the time went (remote pulls, polls).
                    throw new Bench.DidNotFinish(e.getMessage() + "; " + Bench.weftDiagnostics(ex.rt));
                }
            }
            case FJP -> {
                for (int i = 0; i < count; i++) {
                    tasks[i] = ex.fjp.submit(Bench.EMPTY_RUNNABLE);
                }
                long deadline = Bench.deadline();
                for (int i = 0; i < count; i++) {
                    try {
                        tasks[i].get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    } catch (TimeoutException e) {
                        throw new Bench.DidNotFinish(what, count - i);
                    } catch (InterruptedException | ExecutionException e) {
                        throw new IllegalStateException(e);
                    }
                    tasks[i] = null;
                }
            }
            case VTHREADS -> {
                for (int i = 0; i < count; i++) {
                    threads[i] = Thread.startVirtualThread(Bench.EMPTY_RUNNABLE);
                }
                long deadline = Bench.deadline();
                for (int i = 0; i < count; i++) {
                    try {
                        if (!threads[i].join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                            throw new Bench.DidNotFinish(what, count - i);
                        }
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    threads[i] = null;
                }
            }
        }
    }

    /** Awaits handles[next..count) in order; the outside thread polls it (Tokio's block_on loop). */
    private final class JoinAll implements Future<Void> {
        /** Outside thread only. */
        int next;

        @Override
        public Poll<Void> poll(Context cx) {
            while (next < count) {
                if (handles[next].poll(cx).isPending()) {
                    return Poll.pending();
                }
                handles[next++] = null;
            }
            return Poll.readyVoid();
        }
    }
}
