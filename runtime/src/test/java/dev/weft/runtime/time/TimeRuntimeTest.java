package dev.weft.runtime.time;

import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.JoinException;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Runtime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Timers on real runtimes. Timing asserts are lower bounds (nothing fires early) plus generous
 * upper bounds; JUnit's timeout catches a lost wake-up.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TimeRuntimeTest {

    private static final long MS = 1_000_000L;
    private static final long GENEROUS_NANOS = 500 * MS;

    private static Runtime twoWorkers() {
        return Runtime.builder().workers(2).build();
    }

    /** Drives {@code f} to completion, then returns the nanoseconds it took. */
    private static long timeBlockOn(Runtime rt, Future<?> f, long startNanos) {
        rt.blockOn(f);
        return System.nanoTime() - startNanos;
    }

    @Test
    void aOneMillisecondSleepTakesAtLeastOneMillisecond() {
        try (Runtime rt = twoWorkers()) {
            long start = System.nanoTime();
            long took = timeBlockOn(rt, Time.sleep(Duration.ofMillis(1)), start);
            assertThat(took).as("took %d ns", took).isBetween(MS, GENEROUS_NANOS);
        }
    }

    @Test
    void aFiveMillisecondSleepTakesAtLeastFiveMilliseconds() {
        try (Runtime rt = twoWorkers()) {
            long start = System.nanoTime();
            long took = timeBlockOn(rt, Time.sleep(Duration.ofMillis(5)), start);
            assertThat(took).as("took %d ns", took).isBetween(5 * MS, GENEROUS_NANOS);
        }
    }

    @Test
    void aSpawnedTaskSleepingTwentyMillisecondsCompletes() {
        try (Runtime rt = twoWorkers()) {
            long start = System.nanoTime();
            JoinHandle<Void> h = rt.spawn(Time.sleep(Duration.ofMillis(20)));
            long took = timeBlockOn(rt, h, start);
            assertThat(took).as("took %d ns", took).isBetween(20 * MS, GENEROUS_NANOS);
        }
    }

    /**
     * blockOn from the main thread registers with worker 0's timers from outside: the idle
     * worker, parked with no deadline, must be woken to re-bound its park.
     */
    @Test
    void aSleepRegisteredFromOutsideWakesAParkedWorker() throws Exception {
        try (Runtime rt = twoWorkers()) {
            Thread.sleep(20); // let both workers park with no timers
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                long took = timeBlockOn(rt, Time.sleep(Duration.ofMillis(3)), start);
                assertThat(took).as("round %d took %d ns", i, took).isBetween(3 * MS, GENEROUS_NANOS);
            }
            // A far deadline first, then an earlier one from outside: the earlier must not wait.
            Sleep far = Time.sleep(Duration.ofHours(1));
            rt.blockOn(cx -> {
                far.poll(cx);
                return Poll.readyVoid();
            });
            long start = System.nanoTime();
            long took = timeBlockOn(rt, Time.sleep(Duration.ofMillis(10)), start);
            assertThat(took).as("took %d ns", took).isBetween(10 * MS, GENEROUS_NANOS);
            far.close();
            assertThat(rt.timers().size()).isZero();
        }
    }

    @Test
    void sleepsWorkOnTheCurrentThreadFlavor() {
        try (Runtime rt = Runtime.builder().currentThread().build()) {
            long start = System.nanoTime();
            long took = timeBlockOn(rt, Time.sleep(Duration.ofMillis(5)), start);
            assertThat(took).as("took %d ns", took).isBetween(5 * MS, GENEROUS_NANOS);
        }
    }

    /** Completes with "done" after sleeping {@code d}, closing its sleep when its task ends. */
    static final class SleepThenValue implements Future<String>, AutoCloseable {
        private final Sleep sleep;

        SleepThenValue(Duration d) {
            this.sleep = Time.sleep(d);
        }

        @Override
        public Poll<String> poll(Context cx) {
            return sleep.poll(cx).isReady() ? Poll.ready("done") : Poll.pending();
        }

        @Override
        public void close() {
            sleep.close();
        }
    }

    /** Polls {@code poll}, closes {@code resource}: a future whose close() the timeout must call. */
    record Recorded<T>(Future<T> poll, AutoCloseable resource) implements Future<T>, AutoCloseable {
        @Override
        public Poll<T> poll(Context cx) {
            return poll.poll(cx);
        }

        @Override
        public void close() throws Exception {
            resource.close();
        }
    }

    @Test
    void timeoutReturnsTheValueWhenTheInnerFutureIsFast() {
        try (Runtime rt = twoWorkers()) {
            String v = rt.blockOn(rt.spawn(Time.timeout(new SleepThenValue(Duration.ofMillis(5)), Duration.ofSeconds(5))));
            assertThat(v).isEqualTo("done");
        }
    }

    @Test
    void timeoutFailsWithElapsedWhenTheInnerFutureIsSlow() {
        try (Runtime rt = twoWorkers()) {
            long start = System.nanoTime();
            Set<TimeDriver> drivers = ConcurrentHashMap.newKeySet();
            SleepThenValue slow = new SleepThenValue(Duration.ofHours(1));
            Future<String> recorded = cx -> {
                drivers.add(cx.timers());
                return slow.poll(cx);
            };
            JoinHandle<String> h = rt.spawn(Time.timeout(new Recorded<>(recorded, slow), Duration.ofMillis(20)));
            assertThatThrownBy(() -> rt.blockOn(h))
                    .isInstanceOf(JoinException.class)
                    .cause()
                    .isInstanceOf(Elapsed.class)
                    .hasMessage("future did not complete within 20 ms");
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(20 * MS);
            // Both the timeout's timer and the inner sleep's are gone.
            assertThat(totalTimers(drivers)).isZero();
        }
    }

    @Test
    void timeoutInBlockOnThrowsElapsedDirectly() {
        try (Runtime rt = twoWorkers()) {
            assertThatThrownBy(() -> rt.blockOn(Time.timeout(cx -> Poll.pending(), Duration.ofMillis(5))))
                    .isInstanceOf(Elapsed.class)
                    .hasMessageContaining("5 ms");
        }
    }

    @Test
    void intervalTicksNTimesOnItsSchedule() {
        try (Runtime rt = twoWorkers()) {
            Interval interval = Time.interval(Duration.ofMillis(3));
            List<Long> ticks = new ArrayList<>();
            rt.blockOn(rt.spawn(cx -> {
                while (ticks.size() < 6) {
                    Poll<Long> p = interval.pollTick(cx);
                    if (p.isPending()) {
                        return Poll.pending();
                    }
                    ticks.add(p.value());
                }
                return Poll.readyVoid();
            }));
            assertThat(ticks).hasSize(6);
            for (int i = 1; i < ticks.size(); i++) {
                assertThat(ticks.get(i) - ticks.get(i - 1)).as("tick %d", i).isEqualTo(3 * MS);
            }
            assertThat(System.nanoTime() - ticks.get(0)).isGreaterThanOrEqualTo(15 * MS);
            interval.close();
        }
    }

    /** Sleeps until its deadline, then checks it did not complete early. */
    static final class CheckedSleep implements Future<Boolean>, AutoCloseable {
        private final Sleep sleep;
        private final Set<TimeDriver> drivers;

        CheckedSleep(Duration d, Set<TimeDriver> drivers) {
            this.sleep = Time.sleep(d);
            this.drivers = drivers;
        }

        @Override
        public Poll<Boolean> poll(Context cx) {
            drivers.add(cx.timers());
            if (sleep.poll(cx).isPending()) {
                return Poll.pending();
            }
            return Poll.ready(System.nanoTime() - sleep.deadlineNanos() >= 0);
        }

        @Override
        public void close() {
            sleep.close();
        }
    }

    @Test
    void tenThousandConcurrentSleepsAllComplete() {
        try (Runtime rt = twoWorkers()) {
            SplittableRandom rnd = new SplittableRandom(42);
            Set<TimeDriver> drivers = ConcurrentHashMap.newKeySet();
            List<JoinHandle<Boolean>> handles = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                handles.add(rt.spawn(new CheckedSleep(Duration.ofMillis(rnd.nextInt(51)), drivers)));
            }
            int early = 0;
            for (JoinHandle<Boolean> h : handles) {
                if (!rt.blockOn(h)) {
                    early++;
                }
            }
            assertThat(early).as("sleeps completed before their deadline").isZero();
            assertThat(drivers).as("drivers of workers that polled sleeps").isNotEmpty();
            assertThat(totalTimers(drivers)).isZero();
        }
    }

    @Test
    void abortingASleepingTaskCancelsItsTimer() throws Exception {
        // One worker, so the task's timers are the ones Runtime.timers() shows from here.
        try (Runtime rt = Runtime.builder().workers(1).build()) {
            JoinHandle<Void> h = rt.spawn(Time.sleep(Duration.ofHours(1)));
            awaitTimers(rt, 1);
            h.abort();
            awaitTimers(rt, 0);
            assertThatThrownBy(() -> rt.blockOn(h)).isInstanceOf(JoinException.class);
            assertThat(h.isCancelled()).isTrue();
        }
    }

    @Test
    void abortingATimeoutCancelsBothTimers() throws Exception {
        try (Runtime rt = Runtime.builder().workers(1).build()) {
            JoinHandle<String> h = rt.spawn(Time.timeout(new SleepThenValue(Duration.ofHours(2)), Duration.ofHours(1)));
            awaitTimers(rt, 2);
            h.abort();
            awaitTimers(rt, 0);
            assertThat(h.isCancelled()).isTrue();
        }
    }

    /** Entries still registered in the timers of every worker that polled a sleep here. */
    private static int totalTimers(Set<TimeDriver> drivers) {
        return drivers.stream().mapToInt(TimeDriver::size).sum();
    }

    private static void awaitTimers(Runtime rt, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000 * MS;
        while (rt.timers().size() != expected) {
            assertThat(System.nanoTime() - deadline).as("timers stuck at %d, expected %d", rt.timers().size(), expected)
                    .isNegative();
            Thread.sleep(1);
        }
    }
}
