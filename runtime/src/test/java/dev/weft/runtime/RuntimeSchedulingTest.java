package dev.weft.runtime;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuntimeSchedulingTest {

    @Test
    void spawnedTasksCompleteWithTheirValues() throws Exception {
        try (Runtime rt = Runtime.builder().workers(2).build()) {
            List<JoinHandle<Integer>> handles = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                handles.add(rt.spawn(TestFutures.yieldTimes(i % 5)));
            }
            for (int i = 0; i < handles.size(); i++) {
                assertThat(handles.get(i).join(Duration.ofSeconds(30))).isEqualTo(i % 5 + 1);
            }
            // A join returns once the task's output is set; the worker forgets the task just
            // after that, so the last one may still be counted for a moment.
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (rt.metrics().liveTasks() != 0 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertThat(rt.metrics().liveTasks()).isZero();
        }
    }

    @Test
    void taskThatYieldsForeverDoesNotStarveOthers() throws Exception {
        try (Runtime rt = Runtime.builder().workers(1).build()) {
            AtomicBoolean stop = new AtomicBoolean();
            JoinHandle<Void> hog = rt.spawn(TestFutures.spinUntil(stop));
            JoinHandle<Integer> other = rt.spawn(TestFutures.yieldTimes(3));
            assertThat(other.join(Duration.ofSeconds(10))).isEqualTo(4);
            stop.set(true);
            hog.join(Duration.ofSeconds(10));
        }
    }

    @Test
    void outsideSpawnsFinishWhileEveryWorkerIsBusyYielding() throws Exception {
        // Tokio's spawn_many_remote_busy1: the global queue is checked every 61 ticks, so
        // spawns from outside are not starved by local queues that never run dry.
        try (Runtime rt = Runtime.builder().workers(2).build()) {
            AtomicBoolean stop = new AtomicBoolean();
            List<JoinHandle<Void>> hogs = List.of(rt.spawn(TestFutures.spinUntil(stop)),
                    rt.spawn(TestFutures.spinUntil(stop)));
            CountDownLatch done = new CountDownLatch(1_000);
            for (int i = 0; i < 1_000; i++) {
                rt.spawn(cx -> {
                    done.countDown();
                    return Poll.readyVoid();
                });
            }
            assertThat(done.await(10, TimeUnit.SECONDS)).as("outside spawns ran; left=%d", done.getCount()).isTrue();
            stop.set(true);
            for (JoinHandle<Void> h : hogs) {
                h.join(Duration.ofSeconds(10));
            }
        }
    }

    @Test
    void lifoSlotCannotStarveTheQueue() throws Exception {
        // Two tasks that wake each other forever would monopolise the LIFO slot; the cap of 3
        // LIFO polls per tick sends them through the queue so a third task gets to run.
        try (Runtime rt = Runtime.builder().workers(1).build()) {
            AtomicBoolean stop = new AtomicBoolean();
            PingPong pair = new PingPong(stop);
            JoinHandle<Void> a = rt.spawn(pair.ping);
            JoinHandle<Void> b = rt.spawn(pair.pong);
            JoinHandle<Integer> bystander = rt.spawn(TestFutures.yieldTimes(2));
            assertThat(bystander.join(Duration.ofSeconds(10))).isEqualTo(3);
            stop.set(true);
            pair.wakeBoth();
            a.join(Duration.ofSeconds(10));
            b.join(Duration.ofSeconds(10));
            assertThat(rt.metrics().workers().get(0).lifoPolls()).isPositive();
        }
    }

    /** Two futures that each wake the other and return Pending, until stopped. */
    private static final class PingPong {
        final AtomicBoolean stop;
        volatile Waker pingWaker;
        volatile Waker pongWaker;
        final Future<Void> ping;
        final Future<Void> pong;

        PingPong(AtomicBoolean stop) {
            this.stop = stop;
            this.ping = cx -> {
                if (stop.get()) {
                    return Poll.readyVoid();
                }
                pingWaker = cx.waker();
                Waker other = pongWaker;
                if (other != null) {
                    other.wake();
                }
                return Poll.pending();
            };
            this.pong = cx -> {
                if (stop.get()) {
                    return Poll.readyVoid();
                }
                pongWaker = cx.waker();
                Waker other = pingWaker;
                if (other != null) {
                    other.wake();
                }
                return Poll.pending();
            };
        }

        void wakeBoth() {
            if (pingWaker != null) pingWaker.wake();
            if (pongWaker != null) pongWaker.wake();
        }
    }

    @Test
    void spentBudgetForcesPendingAndRequeues() throws Exception {
        try (Runtime rt = Runtime.builder().workers(1).budget(128).build()) {
            // A leaf that always has data: without the budget it would never return Pending.
            AtomicInteger polls = new AtomicInteger();
            JoinHandle<Integer> consumer = rt.spawn(new Future<Integer>() {
                int consumed;

                @Override
                public Poll<Integer> poll(Context cx) {
                    polls.incrementAndGet();
                    while (consumed < 1_000) {
                        if (!cx.consumeBudget()) {
                            return Poll.pending();
                        }
                        consumed++;
                    }
                    return Poll.ready(consumed);
                }
            });
            assertThat(consumer.join(Duration.ofSeconds(10))).isEqualTo(1_000);
            // 1000 units at 128 per poll: 8 polls (7 forced Pendings + the last).
            assertThat(polls.get()).isEqualTo(8);
        }
    }

    @Test
    void exceptionInTaskSurfacesInJoinHandleAndWorkerSurvives() throws Exception {
        try (Runtime rt = Runtime.builder().workers(1).build()) {
            JoinHandle<Integer> failing = rt.spawn(cx -> {
                throw new IllegalStateException("boom");
            });
            assertThatThrownBy(failing::join)
                    .isInstanceOf(JoinException.class)
                    .hasMessageContaining("boom")
                    .satisfies(e -> assertThat(((JoinException) e).isFailure()).isTrue())
                    .hasCauseInstanceOf(IllegalStateException.class);
            assertThat(rt.spawn(TestFutures.yieldTimes(1)).join(Duration.ofSeconds(10))).isEqualTo(2);
        }
    }

    @Test
    void concurrentWakesQueueTheTaskOnce() throws Exception {
        try (Runtime rt = Runtime.builder().workers(2).build()) {
            AtomicInteger inPoll = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            AtomicInteger polls = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch firstPoll = new CountDownLatch(1);
            JoinHandle<Void> task = rt.spawn(cx -> {
                if (inPoll.incrementAndGet() != 1) {
                    overlaps.incrementAndGet();
                }
                polls.incrementAndGet();
                firstPoll.countDown();
                inPoll.decrementAndGet();
                return stop.get() ? Poll.readyVoid() : Poll.pending();
            });
            assertThat(firstPoll.await(10, TimeUnit.SECONDS)).isTrue();
            Waker waker = (Waker) task; // a task is its own waker
            int threads = 4;
            int wakesEach = 20_000;
            List<Thread> wakers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread th = new Thread(() -> {
                    for (int i = 0; i < wakesEach; i++) {
                        waker.wake();
                    }
                });
                wakers.add(th);
                th.start();
            }
            for (Thread th : wakers) {
                th.join();
            }
            stop.set(true);
            waker.wake();
            task.join(Duration.ofSeconds(10));
            assertThat(overlaps.get()).as("polls that overlapped another poll").isZero();
            assertThat(polls.get()).as("polls (wakes coalesce while queued)").isLessThanOrEqualTo(threads * wakesEach + 2);
            assertThat(rt.metrics().globalQueueDepth()).isZero();
        }
    }

    @Test
    void workStealingSpreadsTasksSpawnedOnOneWorker() throws Exception {
        try (Runtime rt = Runtime.builder().workers(2).build()) {
            int n = 2_000;
            CountDownLatch done = new CountDownLatch(n);
            JoinHandle<Void> spawner = rt.spawn(cx -> {
                for (int i = 0; i < n; i++) {
                    Runtime.current().spawn(TestFutures.yieldTimes(20)).detach();
                    done.countDown();
                }
                return Poll.readyVoid();
            });
            spawner.join(Duration.ofSeconds(10));
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (rt.metrics().liveTasks() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(rt.metrics().liveTasks()).isZero();
            // 2000 spawns from one worker overflow its 256-slot queue or get stolen by the other.
            assertThat(rt.metrics().totalStolenTasks() + rt.metrics().totalOverflows()).isPositive();
        }
    }

    @Test
    void oversubscribedRuntimeStillCompletesEverything() throws Exception {
        try (Runtime rt = Runtime.builder().workers(8).build()) {
            List<JoinHandle<Integer>> handles = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                handles.add(rt.spawn(TestFutures.yieldTimes(10)));
            }
            for (JoinHandle<Integer> h : handles) {
                assertThat(h.join(Duration.ofSeconds(30))).isEqualTo(11);
            }
        }
    }

    @Test
    void noWakeupIsLostBetweenParkingAndRemoteSpawns() throws Exception {
        // Each round lets the workers go idle, then spawns from outside and from a task: a lost
        // notification (a task queued while every worker sleeps) would stall a join.
        try (Runtime rt = Runtime.builder().workers(4).build()) {
            for (int round = 0; round < 2_000; round++) {
                JoinHandle<Integer> outer = rt.spawn(new Future<Integer>() {
                    JoinHandle<Integer> inner;

                    @Override
                    public Poll<Integer> poll(Context cx) {
                        if (inner == null) {
                            inner = Runtime.current().spawn(TestFutures.yieldTimes(1));
                        }
                        return inner.poll(cx);
                    }
                });
                assertThat(outer.join(Duration.ofSeconds(10))).as("round %d", round).isEqualTo(2);
                if (round % 100 == 0) {
                    Thread.sleep(1);
                }
            }
        }
    }

    @Test
    void blockOnOnAWorkerIsRefused() throws Exception {
        try (Runtime rt = Runtime.builder().workers(1).build()) {
            JoinHandle<Void> h = rt.spawn(cx -> {
                rt.blockOn(c -> Poll.readyVoid());
                return Poll.readyVoid();
            });
            assertThatThrownBy(h::join).isInstanceOf(JoinException.class)
                    .hasRootCauseInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("would block a Weft worker");
        }
    }

    @Test
    void blockOnDrivesAJoinHandle() {
        try (Runtime rt = Runtime.builder().workers(2).build()) {
            JoinHandle<Integer> h = rt.spawn(TestFutures.yieldTimes(100));
            assertThat(rt.blockOn(h)).isEqualTo(101);
        }
    }

    @Test
    void blockOnIsStoppedByAnInterrupt() throws Exception {
        try (Runtime rt = Runtime.builder().workers(1).build()) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread blocked = new Thread(() -> {
                try {
                    rt.blockOn(cx -> Poll.pending());
                } catch (Throwable e) {
                    thrown.set(e);
                }
            });
            blocked.start();
            Thread.sleep(50);
            blocked.interrupt();
            blocked.join(10_000);
            assertThat(blocked.isAlive()).isFalse();
            assertThat(thrown.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("blockOn interrupted");
        }
    }

    @Test
    void globalQueueIntervalIsTunedFromTheMeanPollTime() throws Exception {
        // Polls of ~20 µs: Tokio's tuning aims at a look every ~200 µs, i.e. ~10 ticks.
        try (Runtime rt = Runtime.builder().workers(1).build()) {
            List<JoinHandle<Integer>> handles = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                handles.add(rt.spawn(new Future<Integer>() {
                    int polls;

                    @Override
                    public Poll<Integer> poll(Context cx) {
                        long until = System.nanoTime() + 20_000;
                        while (System.nanoTime() < until) {
                            Thread.onSpinWait();
                        }
                        return ++polls < 10 ? cx.yieldNow() : Poll.ready(polls);
                    }
                }));
            }
            for (JoinHandle<Integer> h : handles) {
                h.join(Duration.ofSeconds(30));
            }
            var worker = rt.metrics().workers().get(0);
            assertThat(worker.meanPollNanos()).as("measured mean poll").isGreaterThanOrEqualTo(15_000);
            assertThat(worker.globalQueueInterval()).as("tuned interval; mean poll %d ns", worker.meanPollNanos())
                    .isBetween(2, 30);
        }
        try (Runtime fixed = Runtime.builder().workers(1).globalQueueInterval(31).build()) {
            assertThat(fixed.metrics().workers().get(0).globalQueueInterval()).isEqualTo(31);
        }
    }

    @Test
    void builderRejectsBadOptionsNamingEach() {
        assertThatThrownBy(() -> Runtime.builder().workers(0).localQueueCapacity(100).globalQueueInterval(500).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("workers must be in 1..32767, was 0")
                .hasMessageContaining("localQueueCapacity must be a power of two >= 4, was 100")
                .hasMessageContaining("globalQueueInterval must be in 2..127, was 500");
    }
}
