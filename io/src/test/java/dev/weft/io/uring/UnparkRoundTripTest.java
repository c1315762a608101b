package dev.weft.io.uring;

import dev.weft.runtime.driver.Driver;
import dev.weft.runtime.driver.ThreadParker;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Prints the cost of an unpark -> park round trip (two threads ping-ponging a counter, each
 * sleeping on its own driver) for {@link IoUringDriver} and {@link ThreadParker}. A
 * measurement, not a check: it asserts nothing about time.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UnparkRoundTripTest {

    private static final int WARMUP_ROUNDS = 20_000;
    private static final int ROUNDS = 100_000;

    @Test
    void printsPingPongCostOfIoUringDriverAndThreadParker() throws InterruptedException {
        IoUringDriverTest.assumeIoUring();
        Supplier<Driver> uring = () -> new IoUringDriver(
                IoUringDriver.DEFAULT_SQ_ENTRIES, IoUringDriver.DEFAULT_CQ_ENTRIES);
        Supplier<Driver> parker = ThreadParker::new;
        pingPong(uring, WARMUP_ROUNDS);
        pingPong(parker, WARMUP_ROUNDS);
        for (int run = 1; run <= 2; run++) {
            long uringNanos = pingPong(uring, ROUNDS);
            long parkerNanos = pingPong(parker, ROUNDS);
            System.out.printf("[UnparkRoundTrip] run %d, %d round trips: IoUringDriver %.0f ns/rt,"
                    + " ThreadParker %.0f ns/rt (%d cores)%n", run, ROUNDS,
                    (double) uringNanos / ROUNDS, (double) parkerNanos / ROUNDS,
                    java.lang.Runtime.getRuntime().availableProcessors());
        }
    }

    /**
     * Thread A sets the ball to an odd value and unparks B; B answers with the next even value
     * and unparks A. Each parks indefinitely until it sees its turn. Returns A's elapsed nanos.
     */
    private static long pingPong(Supplier<Driver> drivers, int rounds) throws InterruptedException {
        Driver a = drivers.get();
        Driver b = drivers.get();
        AtomicLong ball = new AtomicLong();
        long last = 2L * rounds;
        Thread pong = Thread.ofPlatform().name("pong").start(() -> {
            try (b) {
                for (long expect = 1; expect < last; expect += 2) {
                    while (ball.get() != expect) {
                        b.park(-1);
                    }
                    ball.set(expect + 1);
                    a.unpark();
                }
            }
        });
        long start = System.nanoTime();
        try (a) {
            for (long v = 0; v < last; v += 2) {
                ball.set(v + 1);
                b.unpark();
                while (ball.get() != v + 2) {
                    a.park(-1);
                }
            }
        }
        long elapsed = System.nanoTime() - start;
        pong.join();
        return elapsed;
    }
}
