package dev.weft.io.epoll;

import dev.weft.runtime.driver.Driver;
import dev.weft.runtime.driver.ThreadParker;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Measures, and only prints, the unpark -> park round trip: two threads ping-pong through two
 * drivers (each thread parks on its own and unparks the other's), for EpollDriver and
 * ThreadParker. No timing assertions: numbers on shared VMs vary too much.
 */
class EpollWakeupCostTest {

    private static final int ROUND_TRIPS = 100_000;
    private static final int WARMUP = 20_000;

    @Test
    void printsUnparkParkRoundTripCostVersusThreadParker() throws Exception {
        for (int run = 0; run < 2; run++) {
            double epoll = nanosPerRoundTrip(() -> open());
            double parker = nanosPerRoundTrip(ThreadParker::new);
            System.out.printf("[EpollWakeupCostTest] run %d: %,d ping-pongs; EpollDriver %.0f ns"
                    + " per round trip, ThreadParker %.0f ns (ratio %.2f)%n",
                    run, ROUND_TRIPS, epoll, parker, epoll / parker);
        }
    }

    private static Driver open() {
        try {
            return EpollDriver.open();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A round trip: A bumps the counter and unparks B; B sees it, bumps, unparks A. */
    private static double nanosPerRoundTrip(Supplier<Driver> drivers) throws Exception {
        pingPong(drivers, WARMUP);
        return (double) pingPong(drivers, ROUND_TRIPS) / ROUND_TRIPS;
    }

    private static long pingPong(Supplier<Driver> drivers, int rounds) throws Exception {
        AtomicLong ball = new AtomicLong();
        long[] elapsed = new long[1];
        // Each driver is created, parked on and closed by its own thread (the owner).
        Driver[] ds = new Driver[2];
        java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(2);
        Thread b = Thread.ofPlatform().start(() -> {
            ds[1] = drivers.get();
            ready.countDown();
            awaitQuietly(ready);
            try {
                for (long expect = 1; expect < 2L * rounds; expect += 2) {
                    while (ball.get() != expect) {
                        ds[1].park(-1);
                    }
                    ball.incrementAndGet();
                    ds[0].unpark();
                }
            } finally {
                ds[1].close();
            }
        });
        ds[0] = drivers.get();
        ready.countDown();
        awaitQuietly(ready);
        long t0 = System.nanoTime();
        try {
            for (long expect = 0; expect < 2L * rounds; expect += 2) {
                ball.incrementAndGet();
                ds[1].unpark();
                while (ball.get() != expect + 2) {
                    ds[0].park(-1);
                }
            }
            elapsed[0] = System.nanoTime() - t0;
        } finally {
            b.join();
            ds[0].close();
        }
        return elapsed[0];
    }

    private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
