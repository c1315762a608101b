package dev.weft.io.uring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Runtime;
import dev.weft.runtime.time.Sleep;
import dev.weft.runtime.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A whole runtime whose workers sleep on {@link IoUringDriver}s. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class IoUringDriverRuntimeTest {

    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration FD_SETTLE_TIMEOUT = Duration.ofSeconds(5);

    /** Yields {@code n} times, then completes with 1. */
    private static Future<Integer> yieldTimes(int n) {
        return new Future<>() {
            int left = n;

            @Override
            public Poll<Integer> poll(Context cx) {
                return left-- > 0 ? cx.yieldNow() : Poll.ready(1);
            }
        };
    }

    /** Sleeps {@code millis} on the runtime's timers, then completes with the elapsed nanos. */
    private static Future<Long> sleepMeasured(long millis) {
        return new Future<>() {
            long start;
            Sleep sleep;

            @Override
            public Poll<Long> poll(Context cx) {
                if (sleep == null) {
                    start = System.nanoTime();
                    sleep = Time.sleep(Duration.ofMillis(millis));
                }
                return switch (sleep.poll(cx)) {
                    case Poll.Ready<Void> r -> Poll.ready(System.nanoTime() - start);
                    case Poll.Pending<Void> p -> Poll.pending();
                };
            }
        };
    }

    @Test
    void runtimeOnIoUringDriversRunsYieldsSleepsAndRemoteSpawnsThenReleasesFds()
            throws TimeoutException {
        IoUringDriverTest.assumeIoUring();
        // Warm up class loading so the baseline does not count jar fds opened later.
        try (Runtime warm = Runtime.builder().workers(1).drivers(IoUringDriver.factory()).build()) {
            warm.spawn(yieldTimes(1)).join(JOIN_TIMEOUT);
        }
        long baseline = settledFdCount();

        Runtime rt = Runtime.builder().workers(2).drivers(IoUringDriver.factory()).build();
        try {
            List<JoinHandle<Integer>> yields = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                yields.add(rt.spawn(yieldTimes(3)));
            }
            int done = 0;
            for (JoinHandle<Integer> h : yields) {
                done += h.join(JOIN_TIMEOUT);
            }
            assertThat(done).isEqualTo(10_000);

            long slept = rt.spawn(sleepMeasured(20)).join(JOIN_TIMEOUT);
            assertThat(slept).as("Time.sleep(20ms) inside a task took %d ns", slept)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(20).toNanos());

            // Let both workers park in io_uring_enter, then wake them from this thread.
            long parksBefore = rt.metrics().totalParks();
            for (int round = 0; round < 20; round++) {
                IoUringDriverTest.sleepMillis(10);
                List<JoinHandle<Integer>> remote = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    remote.add(rt.spawn(yieldTimes(1)));
                }
                for (JoinHandle<Integer> h : remote) {
                    assertThat(h.join(JOIN_TIMEOUT)).isEqualTo(1);
                }
            }
            long parks = rt.metrics().totalParks() - parksBefore;
            assertThat(parks).as("workers parked between the 20 rounds of remote spawns")
                    .isGreaterThanOrEqualTo(20);
        } finally {
            rt.close();
        }
        // Runtime.close() returns after every worker closed its driver: no waiting here.
        long fds = IoUringDriverTest.openFds();
        assertThat(fds).as("fds right after runtime close (baseline %d)", baseline).isEqualTo(baseline);
    }

    /** The fd count once it has stayed the same for a few reads (earlier runtimes are closed). */
    private static long settledFdCount() {
        long deadline = System.nanoTime() + FD_SETTLE_TIMEOUT.toNanos();
        long last = IoUringDriverTest.openFds();
        int stableReads = 0;
        while (stableReads < 5 && System.nanoTime() < deadline) {
            IoUringDriverTest.sleepMillis(10);
            long now = IoUringDriverTest.openFds();
            stableReads = now == last ? stableReads + 1 : 0;
            last = now;
        }
        return last;
    }
}
