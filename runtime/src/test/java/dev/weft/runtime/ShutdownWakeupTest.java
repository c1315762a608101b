package dev.weft.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.runtime.driver.Driver;
import dev.weft.runtime.driver.ThreadParker;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A worker that consumes shutdown's wake-up in its non-blocking maintenance poll of the driver
 * must still stop: it looks at the shutdown flag before it sleeps, not only after.
 */
class ShutdownWakeupTest {

    /** A ThreadParker whose next non-blocking park, once armed, waits for an unpark made while closing. */
    private static final class RacingDriver implements Driver {
        private final ThreadParker inner = new ThreadParker();
        final CountDownLatch inMaintenance = new CountDownLatch(1);
        final CountDownLatch closingUnpark = new CountDownLatch(1);
        volatile boolean isArmed;
        volatile boolean isClosing;

        @Override
        public void park(long timeoutNanos) {
            if (timeoutNanos == 0 && isArmed) {
                isArmed = false;
                inMaintenance.countDown();
                try {
                    closingUnpark.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            inner.park(timeoutNanos);   // consumes the wake-up shutdown() sent
        }

        @Override
        public void unpark() {
            inner.unpark();
            if (isClosing) {
                closingUnpark.countDown();
            }
        }

        @Override
        public void close() {
        }
    }

    @Test
    void shutdownsWakeUpConsumedByMaintenanceStillStopsTheWorker() throws Exception {
        RacingDriver driver = new RacingDriver();
        Runtime rt = Runtime.builder().workers(1).eventInterval(1).drivers(i -> driver)
                .shutdownTimeout(Duration.ofSeconds(3)).build();
        try {
            Future<Integer> one = cx -> Poll.ready(1);
            assertThat(rt.blockOn(rt.spawn(one))).isEqualTo(1);
            rt.spawn(cx -> {
                driver.isArmed = true;   // the worker's next loop runs maintenance with nothing queued
                return Poll.readyVoid();
            });
            assertThat(driver.inMaintenance.await(5, TimeUnit.SECONDS)).isTrue();
            driver.isClosing = true;
        } finally {
            long start = System.nanoTime();
            rt.close();   // throws if the worker went to sleep with the wake-up already consumed
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }
}
