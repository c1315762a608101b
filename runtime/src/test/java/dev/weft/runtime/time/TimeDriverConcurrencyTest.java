package dev.weft.runtime.time;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several threads register and cancel while an owner thread parks on the driver's bound and
 * fires: every entry fires exactly once unless a cancel returned true, and never early.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TimeDriverConcurrencyTest {

    private static final long MS = 1_000_000L;

    static final class Counted extends TimerEntry {
        final AtomicInteger fires = new AtomicInteger();
        final AtomicBoolean early = new AtomicBoolean();
        /** Written by the registering thread before register(); read by the owner in fire(). */
        volatile long expectedDeadline;
        /** Registering thread only, then the test thread after join(). Whether a cancel returned true. */
        boolean cancelled;

        @Override
        protected void fire() {
            if (System.nanoTime() - expectedDeadline < 0) {
                early.set(true);
            }
            fires.incrementAndGet();
        }
    }

    @Test
    void everyEntryFiresOnceUnlessCancelledAndNeverEarly() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread[] ownerRef = new Thread[1];
        TimeDriver driver = new TimeDriver(() -> LockSupport.unpark(ownerRef[0]));
        Thread owner = new Thread(() -> {
            while (!stop.get()) {
                long deadline = driver.nextDeadlineNanos();
                long now = System.nanoTime();
                if (deadline == Long.MAX_VALUE) {
                    LockSupport.park();
                } else if (deadline - now > 0) {
                    LockSupport.parkNanos(deadline - now);
                }
                driver.fireExpired(System.nanoTime());
            }
        }, "timer-owner");
        ownerRef[0] = owner;
        driver.bindOwner(owner);
        owner.start();

        int threads = 3;
        int perThread = 3_000;
        List<List<Counted>> all = new ArrayList<>();
        List<Thread> registrars = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Counted> mine = new ArrayList<>();
            all.add(mine);
            long seed = t;
            registrars.add(Thread.ofPlatform().start(() -> {
                SplittableRandom rnd = new SplittableRandom(seed);
                for (int i = 0; i < perThread; i++) {
                    Counted e = new Counted();
                    long deadline = System.nanoTime() + rnd.nextLong(30 * MS);
                    e.expectedDeadline = deadline;
                    driver.register(e, deadline);
                    mine.add(e);
                    if (rnd.nextInt(4) == 0) {
                        Counted victim = mine.get(rnd.nextInt(mine.size()));
                        if (!victim.cancelled) {
                            victim.cancelled = driver.cancel(victim);
                        }
                    }
                    if (rnd.nextInt(64) == 0) {
                        LockSupport.parkNanos(rnd.nextLong(2 * MS));
                    }
                }
            }));
        }
        for (Thread r : registrars) {
            r.join();
        }
        long waitUntil = System.nanoTime() + 10_000 * MS;
        while (driver.size() > 0 && System.nanoTime() - waitUntil < 0) {
            Thread.sleep(5);
        }
        // Joining the owner also waits out a batch it took just before size() reached 0.
        stop.set(true);
        LockSupport.unpark(owner);
        owner.join();

        assertThat(driver.size()).as("entries left").isZero();
        int fired = 0;
        for (List<Counted> mine : all) {
            for (Counted e : mine) {
                int expected = e.cancelled ? 0 : 1;
                assertThat(e.fires.get()).as("fires of an entry cancelled=%s", e.cancelled).isEqualTo(expected);
                assertThat(e.early.get()).as("fired before its deadline").isFalse();
                fired += e.fires.get();
            }
        }
        assertThat(fired).isPositive();
    }
}
