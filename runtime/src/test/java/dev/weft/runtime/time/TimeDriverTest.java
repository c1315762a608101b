package dev.weft.runtime.time;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The driver on the test thread, with made-up "now" values: no sleeping, no timing asserts. */
class TimeDriverTest {

    private static final long MS = 1_000_000L;

    static final class Recording extends TimerEntry {
        final String name;
        final List<String> log;

        Recording(String name, List<String> log) {
            this.name = name;
            this.log = log;
        }

        @Override
        protected void fire() {
            log.add(name);
        }
    }

    private static TimeDriver ownedDriver(AtomicInteger wakes) {
        TimeDriver driver = new TimeDriver(wakes::incrementAndGet);
        driver.bindOwner(Thread.currentThread());
        return driver;
    }

    @Test
    void timersFireInDeadlineOrder() {
        List<String> log = new ArrayList<>();
        TimeDriver driver = ownedDriver(new AtomicInteger());
        long base = System.nanoTime();
        // Same tick (10 ms) for b and c: the batch is still ordered by nanosecond deadline.
        long[] offsets = {30 * MS, 10 * MS + 500_000, 10 * MS + 100_000, 70 * MS, 5000 * MS, 2 * MS};
        String[] names = {"d", "c", "b", "e", "f", "a"};
        for (int i = 0; i < names.length; i++) {
            driver.register(new Recording(names[i], log), base + offsets[i]);
        }
        assertThat(driver.fireExpired(base + 6000 * MS)).isEqualTo(6);
        assertThat(log).containsExactly("a", "b", "c", "d", "e", "f");
        assertThat(driver.size()).isZero();
        assertThat(driver.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void neverFiresBeforeTheDeadline() {
        List<String> log = new ArrayList<>();
        for (long offset : new long[] {1, MS - 1, MS, MS + 1, 5 * MS + 123, 64 * MS + 7, 4100 * MS + 3}) {
            // A fresh driver each time: made-up "now" values must not go back in time.
            TimeDriver driver = ownedDriver(new AtomicInteger());
            long deadline = System.nanoTime() + offset;
            driver.register(new Recording("x", log), deadline);
            assertThat(driver.fireExpired(deadline - 1)).as("fired 1 ns before deadline +%d", offset).isZero();
            assertThat(driver.nextDeadlineNanos()).as("bound for deadline +%d", offset).isLessThanOrEqualTo(deadline + MS);
            // Due within one tick of its deadline.
            assertThat(driver.fireExpired(deadline + MS)).as("fired 1 ms after deadline +%d", offset).isEqualTo(1);
        }
        assertThat(log).hasSize(7);
    }

    @Test
    void cancelBeforeFireNeverFires() {
        List<String> log = new ArrayList<>();
        TimeDriver driver = ownedDriver(new AtomicInteger());
        long base = System.nanoTime();
        Recording kept = new Recording("kept", log);
        Recording cancelled = new Recording("cancelled", log);
        driver.register(kept, base + 3 * MS);
        driver.register(cancelled, base + 3 * MS);
        assertThat(driver.cancel(cancelled)).isTrue();
        assertThat(driver.cancel(cancelled)).as("second cancel").isFalse();
        driver.fireExpired(base + 100 * MS);
        assertThat(log).containsExactly("kept");
        assertThat(driver.cancel(kept)).as("cancel after fire").isFalse();
    }

    @Test
    void reRegisteringMovesTheDeadline() {
        List<String> log = new ArrayList<>();
        TimeDriver driver = ownedDriver(new AtomicInteger());
        long base = System.nanoTime();
        Recording e = new Recording("e", log);
        driver.register(e, base + 5 * MS);
        driver.register(e, base + 50 * MS);
        assertThat(driver.size()).isEqualTo(1);
        assertThat(driver.fireExpired(base + 20 * MS)).isZero();
        assertThat(driver.fireExpired(base + 60 * MS)).isEqualTo(1);
    }

    @Test
    void foreignRegistrationWakesTheOwnerOnlyWhenItIsEarliest() throws Exception {
        AtomicInteger wakes = new AtomicInteger();
        TimeDriver driver = new TimeDriver(wakes::incrementAndGet);
        Thread owner = new Thread(() -> {});
        driver.bindOwner(owner);
        long base = System.nanoTime();
        List<String> log = new ArrayList<>();
        driver.register(new Recording("100ms", log), base + 100 * MS);
        assertThat(wakes).as("first registration is the earliest").hasValue(1);
        driver.register(new Recording("3s", log), base + 3000 * MS);
        assertThat(wakes).as("a later deadline does not wake").hasValue(1);
        driver.register(new Recording("5ms", log), base + 5 * MS);
        assertThat(wakes).as("an earlier deadline wakes").hasValue(2);
    }

    @Test
    void ownerRegistrationDoesNotWakeItself() {
        AtomicInteger wakes = new AtomicInteger();
        TimeDriver driver = ownedDriver(wakes);
        driver.register(new Recording("x", new ArrayList<>()), System.nanoTime() + 5 * MS);
        assertThat(wakes).hasValue(0);
    }

    @Test
    void nextDeadlineBoundsTheEarliestEntry() {
        TimeDriver driver = ownedDriver(new AtomicInteger());
        assertThat(driver.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
        long deadline = System.nanoTime() + 20_000 * MS;
        driver.register(new Recording("x", new ArrayList<>()), deadline);
        long bound = driver.nextDeadlineNanos();
        assertThat(bound).as("bound %d deadline %d", bound, deadline).isLessThanOrEqualTo(deadline + MS);
        // Waking at the bound only cascades; repeating converges on the deadline.
        long now = bound;
        int steps = 0;
        while (driver.fireExpired(now) == 0) {
            now = Math.max(now + 1, driver.nextDeadlineNanos());
            assertThat(++steps).as("cascade steps").isLessThan(10);
        }
        assertThat(now).isGreaterThanOrEqualTo(deadline);
    }
}
