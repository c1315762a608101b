package dev.weft.io.uring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@link IoUringDriver} contract: parking, waking, coalescing, dispatch and close. Each
 * test owns its driver on the test thread; a separate-thread timeout turns a lost wake-up
 * into a failure instead of a hang.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class IoUringDriverTest {

    private static final long PROMPT_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long LONG_PARK_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** Probed once per JVM, shared by the other driver test classes. */
    private static final class Probe {
        static final IoUringProbe.Result RESULT = IoUringProbe.probe();
    }

    static void assumeIoUring() {
        IoUringProbe.Result probe = Probe.RESULT;
        assumeTrue(probe instanceof IoUringProbe.Available,
                () -> "io_uring not usable here (probe errno "
                        + (probe instanceof IoUringProbe.Unavailable u ? u.errno() : 0)
                        + "), skipping: " + probe.describe());
    }

    private static IoUringDriver newDriver() {
        return new IoUringDriver(IoUringDriver.DEFAULT_SQ_ENTRIES, IoUringDriver.DEFAULT_CQ_ENTRIES);
    }

    /**
     * Open fds that are anonymous inodes (io_uring rings, eventfds, epoll instances): what the
     * drivers create. Files, jars, pipes and sockets the JVM opens and closes on its own are not
     * counted, so a count taken around a test is not disturbed by them.
     */
    static long openFds() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(IoUringDriverTest::isAnonInode).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isAnonInode(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString().startsWith("anon_inode:");
        } catch (IOException e) {
            return false; // closed between the listing and the read
        }
    }

    private static long parkMeasured(IoUringDriver d, long timeoutNanos) {
        long start = System.nanoTime();
        d.park(timeoutNanos);
        return System.nanoTime() - start;
    }

    @Test
    void unparkBeforeFirstParkMakesItReturnPromptly() {
        assumeIoUring();
        try (IoUringDriver d = newDriver()) {
            d.unpark();
            long elapsed = parkMeasured(d, LONG_PARK_NANOS);
            assertThat(elapsed).as("park after unpark took %d ns", elapsed).isLessThan(PROMPT_NANOS);
        }
    }

    @Test
    void unparkBetweenParksMakesTheNextParkReturnPromptly() {
        assumeIoUring();
        try (IoUringDriver d = newDriver()) {
            d.park(0);
            d.unpark();
            long elapsed = parkMeasured(d, LONG_PARK_NANOS);
            assertThat(elapsed).as("park after unpark took %d ns", elapsed).isLessThan(PROMPT_NANOS);
        }
    }

    @Test
    void parkWithTimeoutReturnsAfterTheTimeout() {
        assumeIoUring();
        try (IoUringDriver d = newDriver()) {
            d.park(0);
            long timeout = TimeUnit.MILLISECONDS.toNanos(30);
            long elapsed = parkMeasured(d, timeout);
            assertThat(elapsed).as("park(%d) took %d ns", timeout, elapsed)
                    .isGreaterThanOrEqualTo(timeout).isLessThan(timeout + 2 * PROMPT_NANOS);
        }
    }

    @Test
    void parkZeroPollsWithoutSleeping() {
        assumeIoUring();
        try (IoUringDriver d = newDriver()) {
            d.park(0);
            long elapsed = parkMeasured(d, 0);
            assertThat(elapsed).as("park(0) took %d ns", elapsed).isLessThan(PROMPT_NANOS);
        }
    }

    @Test
    void unparkFromAnotherThreadWakesAnIndefinitePark() throws InterruptedException {
        assumeIoUring();
        try (IoUringDriver d = newDriver()) {
            d.park(0);
            Thread waker = Thread.ofPlatform().start(() -> {
                sleepMillis(50);
                d.unpark();
            });
            long elapsed = parkMeasured(d, -1);
            waker.join();
            assertThat(elapsed).as("indefinite park took %d ns", elapsed)
                    .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(40))
                    .isLessThan(TimeUnit.MILLISECONDS.toNanos(50) + PROMPT_NANOS);
        }
    }

    @Test
    void manyUnparksBetweenParksCoalesceIntoOneWakeUp() throws InterruptedException {
        assumeIoUring();
        try (IoUringDriver d = newDriver()) {
            d.park(0);
            List<Thread> unparkers = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            for (int t = 0; t < 4; t++) {
                unparkers.add(Thread.ofPlatform().start(() -> {
                    awaitLatch(start);
                    for (int i = 0; i < 1000; i++) {
                        d.unpark();
                    }
                }));
            }
            start.countDown();
            for (Thread t : unparkers) {
                t.join();
            }
            long elapsed = parkMeasured(d, LONG_PARK_NANOS);
            assertThat(elapsed).as("park after 4000 unparks took %d ns", elapsed)
                    .isLessThan(PROMPT_NANOS);
            assertThat(d.lastWakeCount()).as("eventfd writes behind 4000 unparks").isEqualTo(1);
            long timeout = TimeUnit.MILLISECONDS.toNanos(20);
            assertThat(parkMeasured(d, timeout)).as("no second wake-up is pending")
                    .isGreaterThanOrEqualTo(timeout);
            d.unpark();
            assertThat(parkMeasured(d, LONG_PARK_NANOS)).as("a later unpark still wakes")
                    .isLessThan(PROMPT_NANOS);
        }
    }

    @Test
    void parkFromAThreadOtherThanTheOwnerIsRejected() throws InterruptedException {
        assumeIoUring();
        try (IoUringDriver d = newDriver()) {
            d.park(0);
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread other = Thread.ofPlatform().name("intruder").start(() -> {
                try {
                    d.park(0);
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            other.join();
            assertThat(thrown.get()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("intruder")
                    .hasMessageContaining(Thread.currentThread().getName());
        }
    }

    @Test
    void completionsAreDispatchedToTheHandlerTheirUserDataNames() {
        assumeIoUring();
        try (IoUringDriver d = newDriver()) {
            d.park(0);
            List<String> seen = new ArrayList<>();
            int id = d.registerHandler((token, res, flags) -> seen.add(token + ":" + res));
            assertThat(id).as("id after the wake handler's").isEqualTo(UserData.WAKE_HANDLER + 1);
            d.ringOrNull().prepNop(UserData.encode(id, 42));
            d.park(LONG_PARK_NANOS);
            assertThat(seen).containsExactly("42:0");
        }
    }

    @Test
    void closeReleasesBothFdsAndIsIdempotent() {
        assumeIoUring();
        newDriver().close(); // loads classes (and their jar fds) before the baseline
        long baseline = openFds();
        IoUringDriver d = newDriver();
        d.park(0);
        assertThat(openFds()).as("ring fd and eventfd open").isEqualTo(baseline + 2);
        d.close();
        assertThat(openFds()).as("fds after close").isEqualTo(baseline);
        d.close();
        d.unpark();
        assertThat(openFds()).as("fds after a second close and an unpark").isEqualTo(baseline);
    }

    @Test
    void closeWithoutAnyParkReleasesTheEventFd() {
        assumeIoUring();
        newDriver().close();
        long baseline = openFds();
        IoUringDriver d = newDriver();
        d.unpark();
        d.close();
        assertThat(openFds()).isEqualTo(baseline);
    }

    @Test
    void parkAfterCloseIsRejected() {
        assumeIoUring();
        IoUringDriver d = newDriver();
        d.close();
        assertThatThrownBy(() -> d.park(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("after close");
    }

    static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
