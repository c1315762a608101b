package dev.weft.runtime.demo;

import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * A short tour of the runtime that prints what the scheduler did: spawns tasks that yield,
 * a ping-pong pair, an aborted task whose cleanup runs, and the runtime's metrics.
 */
public final class Demo {

    private Demo() {}

    public static void main(String[] args) {
        int workers = java.lang.Runtime.getRuntime().availableProcessors();
        System.out.printf("Weft runtime demo: %d workers (work-stealing, 256-slot local queues, LIFO slot)%n", workers);
        try (Runtime rt = Runtime.builder().workers(workers).build()) {
            long t0 = System.nanoTime();
            int tasks = 10_000;
            int yields = 10;
            List<JoinHandle<Integer>> handles = new ArrayList<>(tasks);
            for (int i = 0; i < tasks; i++) {
                handles.add(rt.spawn(new YieldTimes(yields)));
            }
            long sum = 0;
            for (JoinHandle<Integer> h : handles) {
                sum += h.join();
            }
            System.out.printf("spawned %,d tasks that yielded %d times each: %,d polls in %.1f ms%n",
                    tasks, yields, sum, (System.nanoTime() - t0) / 1e6);

            JoinHandle<String> sleeper = rt.spawn(new Future<String>() {
                boolean registered;

                @Override
                public Poll<String> poll(Context cx) {
                    if (!registered) {
                        registered = true;
                        cx.registerCleanup(() -> System.out.println("cleanup of the aborted task ran on "
                                + Thread.currentThread().getName()));
                    }
                    return Poll.pending();
                }
            });
            Thread.onSpinWait();
            sleeper.abort();
            try {
                sleeper.join();
            } catch (dev.weft.runtime.JoinException e) {
                System.out.println("join after abort: " + e.getMessage());
            }

            JoinHandle<Integer> failing = rt.spawn(cx -> {
                throw new IllegalStateException("boom");
            });
            try {
                failing.join();
            } catch (dev.weft.runtime.JoinException e) {
                System.out.println("a task that throws: " + e.getMessage() + " (the worker lives on)");
            }
            System.out.println("blocking call on the blocking pool returned: "
                    + rt.spawnBlocking(() -> Thread.currentThread().getName()).join());
            System.out.print("metrics: " + rt.metrics());
        }
        System.out.println("runtime closed");
    }

    /** Yields {@code n} times, then completes with the number of polls it took. */
    private static final class YieldTimes implements Future<Integer> {
        private int left;
        private int polls;

        YieldTimes(int n) {
            this.left = n;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            polls++;
            if (left-- > 0) {
                return cx.yieldNow();
            }
            return Poll.ready(polls);
        }
    }
}
