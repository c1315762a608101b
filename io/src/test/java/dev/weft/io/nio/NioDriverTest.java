package dev.weft.io.nio;

import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Runtime;
import dev.weft.runtime.time.Time;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class NioDriverTest {

    @Test
    void unparkBeforeParkMakesTheParkReturnPromptly() {
        NioDriver driver = new NioDriver();
        try {
            driver.unpark();
            long t0 = System.nanoTime();
            driver.park(TimeUnit.SECONDS.toNanos(10));
            assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(5));
        } finally {
            driver.close();
        }
    }

    @Test
    void parkWithTimeoutDoesNotReturnEarly() {
        NioDriver driver = new NioDriver();
        try {
            long t0 = System.nanoTime();
            driver.park(TimeUnit.MILLISECONDS.toNanos(20));
            long took = System.nanoTime() - t0;
            assertThat(took).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
            assertThat(took).isLessThan(TimeUnit.SECONDS.toNanos(5));
        } finally {
            driver.close();
        }
    }

    @Test
    void unparkFromAnotherThreadWakesAnIndefinitePark() throws Exception {
        NioDriver driver = new NioDriver();
        try {
            Thread waker = new Thread(() -> {
                sleepQuietly(50);
                driver.unpark();
            });
            waker.start();
            long t0 = System.nanoTime();
            driver.park(-1);
            assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(5));
            waker.join();
        } finally {
            driver.close();
        }
    }

    @Test
    void unparksBetweenParksCoalesceIntoOneWakeup() {
        NioDriver driver = new NioDriver();
        try {
            for (int i = 0; i < 1_000; i++) {
                driver.unpark();
            }
            assertThat(driver.wakeups()).isEqualTo(1);
            driver.park(TimeUnit.SECONDS.toNanos(5));
            driver.unpark();
            assertThat(driver.wakeups()).as("a park clears the flag, so the next unpark wakes again").isEqualTo(2);
        } finally {
            driver.close();
        }
    }

    @Test
    void unparkAfterCloseIsHarmless() {
        NioDriver driver = new NioDriver();
        driver.close();
        driver.unpark();
        driver.close();
        assertThat(driver.wakeups()).isEqualTo(1);
    }

    @Test
    void readyChannelIsDispatchedToItsHandler() throws Exception {
        NioDriver driver = new NioDriver();
        Pipe pipe = Pipe.open();
        try {
            pipe.source().configureBlocking(false);
            AtomicInteger ready = new AtomicInteger();
            driver.register(pipe.source(), SelectionKey.OP_READ, ops -> {
                if ((ops & SelectionKey.OP_READ) != 0) {
                    ready.incrementAndGet();
                    try {
                        pipe.source().read(ByteBuffer.allocate(16));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            driver.park(0);
            assertThat(ready.get()).as("nothing written yet").isZero();
            pipe.sink().write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            driver.park(TimeUnit.SECONDS.toNanos(5));
            assertThat(ready.get()).isEqualTo(1);
        } finally {
            pipe.sink().close();
            pipe.source().close();
            driver.close();
        }
    }

    @Test
    void runtimeOnNioDriversRunsTasksTimersAndRemoteSpawnsThenCloses() throws Exception {
        try (Runtime rt = Runtime.builder().workers(2).drivers(NioDriver.factory()).build()) {
            List<JoinHandle<Integer>> handles = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                handles.add(rt.spawn(new YieldTimes(3)));
            }
            for (JoinHandle<Integer> h : handles) {
                assertThat(h.join(Duration.ofSeconds(30))).isEqualTo(4);
            }
            long t0 = System.nanoTime();
            rt.spawn(Time.sleep(Duration.ofMillis(20))).join(Duration.ofSeconds(10));
            assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
            for (int round = 0; round < 200; round++) {
                sleepQuietly(round % 50 == 0 ? 5 : 0);
                CountDownLatch ran = new CountDownLatch(1);
                rt.spawn(cx -> {
                    ran.countDown();
                    return Poll.readyVoid();
                });
                assertThat(ran.await(10, TimeUnit.SECONDS)).as("remote spawn %d ran", round).isTrue();
            }
        }
    }

    private static final class YieldTimes implements Future<Integer> {
        private int left;
        private int polls;

        YieldTimes(int n) {
            this.left = n;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            polls++;
            return left-- > 0 ? cx.yieldNow() : Poll.ready(polls);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
