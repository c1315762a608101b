package dev.weft.runtime.time;

import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sleep, Timeout and Interval polled by hand against a driver fired with made-up times. Delays
 * are minutes long so that a slow machine never sees a deadline pass on its own.
 */
class TimeFuturesTest {

    private static final long MS = 1_000_000L;
    private static final long LATER = 3_600_000 * MS;

    private static TimeDriver driver() {
        TimeDriver driver = new TimeDriver(() -> {});
        driver.bindOwner(Thread.currentThread());
        return driver;
    }

    @Test
    void sleepRegistersOnFirstPollAndCompletesWhenFired() {
        TimeDriver driver = driver();
        AtomicInteger wakes = new AtomicInteger();
        Context cx = new Context(wakes::incrementAndGet, driver);
        Sleep sleep = Time.sleep(Duration.ofMinutes(1));
        assertThat(sleep.poll(cx).isPending()).isTrue();
        assertThat(driver.size()).isEqualTo(1);
        driver.fireExpired(System.nanoTime() + LATER);
        assertThat(wakes).hasValue(1);
        assertThat(sleep.poll(cx).isReady()).isTrue();
    }

    @Test
    void sleepWakesTheWakerOfItsLatestPoll() {
        TimeDriver driver = driver();
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        Sleep sleep = Time.sleep(Duration.ofMinutes(1));
        assertThat(sleep.poll(new Context(first::incrementAndGet, driver)).isPending()).isTrue();
        Context moved = new Context(second::incrementAndGet, driver);
        assertThat(sleep.poll(moved).isPending()).isTrue();
        assertThat(driver.size()).as("re-polling does not register twice").isEqualTo(1);
        driver.fireExpired(System.nanoTime() + LATER);
        assertThat(first).hasValue(0);
        assertThat(second).hasValue(1);
        assertThat(sleep.poll(moved).isReady()).isTrue();
    }

    @Test
    void aPastDeadlineCompletesWithoutRegistering() {
        TimeDriver driver = driver();
        Sleep sleep = Time.sleepUntil(System.nanoTime() - MS);
        assertThat(sleep.poll(new Context(() -> {}, driver)).isReady()).isTrue();
        assertThat(driver.size()).isZero();
    }

    @Test
    void closingASleepCancelsItsTimer() {
        TimeDriver driver = driver();
        AtomicInteger wakes = new AtomicInteger();
        Sleep sleep = Time.sleep(Duration.ofMinutes(1));
        sleep.poll(new Context(wakes::incrementAndGet, driver));
        sleep.close();
        sleep.close();
        assertThat(driver.size()).isZero();
        assertThat(driver.fireExpired(System.nanoTime() + LATER)).isZero();
        assertThat(wakes).hasValue(0);
    }

    /**
     * The owner fires while another thread re-polls with a new waker each time: after the fire,
     * either a poll saw Ready or the waker of the last poll was woken. Never neither.
     */
    @Test
    void aFireRacingWithAWakerChangeIsNeverLost() throws Exception {
        for (int round = 0; round < 1_000; round++) {
            TimeDriver driver = new TimeDriver(() -> {});
            Sleep sleep = Time.sleep(Duration.ofMinutes(1));
            AtomicBoolean lastWoken = new AtomicBoolean();
            sleep.poll(new Context(() -> {}, driver));
            CountDownLatch go = new CountDownLatch(1);
            Thread owner = new Thread(() -> {
                awaitQuietly(go);
                driver.fireExpired(System.nanoTime() + LATER);
            });
            driver.bindOwner(owner);
            owner.start();
            go.countDown();
            boolean ready = false;
            AtomicBoolean current = lastWoken;
            for (int i = 0; i < 50 && !ready; i++) {
                AtomicBoolean flag = new AtomicBoolean();
                current = flag;
                ready = sleep.poll(new Context(() -> flag.set(true), driver)).isReady();
            }
            owner.join();
            boolean notified = ready || current.get() || sleep.poll(new Context(() -> {}, driver)).isReady();
            assertThat(notified).as("round %d: fire lost", round).isTrue();
            if (!ready) {
                assertThat(current.get()).as("round %d: last waker not woken though fired", round).isTrue();
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void timeoutReturnsTheInnerValueWhenReady() {
        TimeDriver driver = driver();
        Timeout<String> t = Time.timeout(cx -> Poll.ready("fast"), Duration.ofMillis(5));
        assertThat(t.poll(new Context(() -> {}, driver)).value()).isEqualTo("fast");
        assertThat(driver.size()).isZero();
    }

    static final class NeverReady implements Future<String>, AutoCloseable {
        int closes;

        @Override
        public Poll<String> poll(Context cx) {
            return Poll.pending();
        }

        @Override
        public void close() {
            closes++;
        }
    }

    @Test
    void timeoutFailsWithElapsedAndClosesTheInnerFuture() throws Exception {
        TimeDriver driver = driver();
        NeverReady inner = new NeverReady();
        Timeout<String> t = Time.timeout(inner, Duration.ofSeconds(50));
        Context cx = new Context(() -> {}, driver);
        assertThat(t.poll(cx).isPending()).isTrue();
        driver.fireExpired(System.nanoTime() + LATER);
        assertThatThrownBy(() -> t.poll(cx))
                .isInstanceOf(Elapsed.class)
                .hasMessage("future did not complete within 50000 ms");
        assertThat(inner.closes).isEqualTo(1);
        t.close();
        assertThat(inner.closes).as("closed once").isEqualTo(1);
    }

    @Test
    void intervalBurstsMissedTicksOnTheOriginalSchedule() {
        TimeDriver driver = driver();
        long period = 10_000 * MS;
        long start = System.nanoTime() - 45_000 * MS;
        Interval interval = new Interval(start, period);
        Context cx = new Context(() -> {}, driver);
        List<Long> ticks = new ArrayList<>();
        Poll<Long> p;
        while ((p = interval.pollTick(cx)).isReady()) {
            ticks.add(p.value());
        }
        // Ticks 0..4 were due (0, 10, ... 40 s after start); tick 5 is 5 s away.
        assertThat(ticks).containsExactly(start, start + period, start + 2 * period, start + 3 * period, start + 4 * period);
        assertThat(driver.size()).isEqualTo(1);
        interval.close();
        assertThat(driver.size()).isZero();
    }

    @Test
    void invalidDurationsAreRejectedWithTheirValue() {
        assertThatThrownBy(() -> Time.interval(Duration.ZERO)).hasMessageContaining("period must be positive, was PT0S");
        assertThatThrownBy(() -> Time.sleep(Duration.ofMillis(-1))).hasMessageContaining("must not be negative");
        assertThat(Time.sleep(Duration.ofDays(1_000_000_000L)).deadlineNanos() - System.nanoTime()).isPositive();
    }
}
