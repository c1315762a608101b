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

class RuntimeCancellationTest {

    @Test
    void abortOfIdleTaskRunsCleanupExactlyOnceOnAWorker() throws Exception {
        try (Runtime rt = Runtime.builder().workers(2).build()) {
            AtomicInteger polls = new AtomicInteger();
            AtomicInteger cleanups = new AtomicInteger();
            AtomicReference<String> cleanupThread = new AtomicReference<>();
            JoinHandle<Void> h = rt.spawn(TestFutures.pendingForever(polls, () -> {
                cleanups.incrementAndGet();
                cleanupThread.set(Thread.currentThread().getName());
            }));
            waitFor(() -> polls.get() == 1);
            h.abort();
            h.abort();
            assertThatThrownBy(h::join).isInstanceOf(JoinException.class)
                    .satisfies(e -> assertThat(((JoinException) e).isCancelled()).isTrue());
            assertThat(cleanups.get()).isEqualTo(1);
            assertThat(cleanupThread.get()).startsWith("weft-worker-");
            assertThat(polls.get()).as("not polled after abort").isEqualTo(1);
            assertThat(h.isCancelled()).isTrue();
        }
    }

    @Test
    void abortDuringPollCancelsWhenThePollReturns() throws Exception {
        try (Runtime rt = Runtime.builder().workers(2).build()) {
            CountDownLatch inPoll = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger cleanups = new AtomicInteger();
            AtomicInteger polls = new AtomicInteger();
            JoinHandle<Void> h = rt.spawn(new CloseableFuture(() -> {
                polls.incrementAndGet();
                inPoll.countDown();
                awaitQuietly(release);
            }, cleanups));
            assertThat(inPoll.await(10, TimeUnit.SECONDS)).isTrue();
            h.abort();
            release.countDown();
            assertThatThrownBy(h::join).isInstanceOf(JoinException.class);
            assertThat(cleanups.get()).as("future closed once").isEqualTo(1);
            assertThat(polls.get()).isEqualTo(1);
        }
    }

    @Test
    void abortAfterCompletionChangesNothing() throws Exception {
        try (Runtime rt = Runtime.builder().workers(1).build()) {
            JoinHandle<Integer> h = rt.spawn(cx -> Poll.ready(7));
            assertThat(h.join()).isEqualTo(7);
            h.abort();
            assertThat(h.join()).isEqualTo(7);
            assertThat(h.isCancelled()).isFalse();
        }
    }

    @Test
    void manyConcurrentAbortsRunEachCleanupOnce() throws Exception {
        try (Runtime rt = Runtime.builder().workers(2).build()) {
            int n = 2_000;
            AtomicInteger cleanups = new AtomicInteger();
            AtomicInteger polls = new AtomicInteger();
            List<JoinHandle<Void>> handles = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                handles.add(rt.spawn(TestFutures.pendingForever(polls, cleanups::incrementAndGet)));
            }
            Thread other = new Thread(() -> handles.forEach(JoinHandle::abort));
            other.start();
            handles.forEach(JoinHandle::abort);
            other.join();
            for (JoinHandle<Void> h : handles) {
                assertThatThrownBy(h::join).isInstanceOf(JoinException.class);
            }
            // pendingForever registers its cleanup only on its first poll; count those polled.
            assertThat(cleanups.get()).isLessThanOrEqualTo(n);
            waitFor(() -> rt.metrics().liveTasks() == 0);
        }
    }

    @Test
    void closeCancelsPendingTasksAndRunsCleanupWithinTheTimeout() throws Exception {
        AtomicInteger cleanups = new AtomicInteger();
        AtomicInteger polls = new AtomicInteger();
        List<JoinHandle<Void>> handles = new ArrayList<>();
        Runtime rt = Runtime.builder().workers(2).shutdownTimeout(Duration.ofSeconds(10)).build();
        for (int i = 0; i < 1_000; i++) {
            handles.add(rt.spawn(new CloseableFuture(polls::incrementAndGet, cleanups)));
        }
        AtomicBoolean stop = new AtomicBoolean();
        handles.add(rt.spawn(TestFutures.spinUntil(stop)));
        long t0 = System.nanoTime();
        rt.close();
        assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(10));
        assertThat(cleanups.get()).as("every future closed exactly once").isEqualTo(1_000);
        for (JoinHandle<Void> h : handles) {
            assertThat(h.isDone()).isTrue();
            assertThatThrownBy(h::join).isInstanceOf(JoinException.class)
                    .hasMessageContaining("runtime shut down");
        }
        assertThat(rt.metrics().liveTasks()).isZero();
    }

    @Test
    void spawnAfterCloseIsCancelledAtOnce() {
        Runtime rt = Runtime.builder().workers(1).build();
        rt.close();
        AtomicInteger cleanups = new AtomicInteger();
        JoinHandle<Void> h = rt.spawn(new CloseableFuture(() -> {}, cleanups));
        assertThat(h.isCancelled()).isTrue();
        assertThat(cleanups.get()).isEqualTo(1);
    }

    @Test
    void currentThreadFlavorRunsTasksInsideBlockOnAndShutsDown() throws Exception {
        AtomicInteger cleanups = new AtomicInteger();
        Runtime rt = Runtime.builder().currentThread().build();
        JoinHandle<Integer> a = rt.spawn(TestFutures.yieldTimes(50));
        JoinHandle<Integer> b = rt.spawn(TestFutures.yieldTimes(10));
        JoinHandle<Void> stuck = rt.spawn(new CloseableFuture(() -> {}, cleanups));
        int sum = rt.blockOn(cx -> {
            var pa = a.poll(cx);
            var pb = b.poll(cx);
            if (pa.isReady() && pb.isReady()) {
                return Poll.ready(pa.value() + pb.value());
            }
            return Poll.pending();
        });
        assertThat(sum).isEqualTo(51 + 11);
        assertThat(rt.metrics().workers()).hasSize(1);
        rt.close();
        assertThat(cleanups.get()).isEqualTo(1);
        assertThat(stuck.isCancelled()).isTrue();
    }

    /** Pending forever; runs {@code onPoll} each poll and counts its close() calls. */
    private record CloseableFuture(Runnable onPoll, AtomicInteger closes) implements Future<Void>, AutoCloseable {
        @Override
        public Poll<Void> poll(Context cx) {
            onPoll.run();
            return Poll.pending();
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(1);
        }
    }
}
