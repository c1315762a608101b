package dev.weft.io.epoll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.io.linux.EpollEvent;
import dev.weft.io.linux.EventFdFlags;
import dev.weft.io.linux.LinuxException;
import dev.weft.io.linux.Syscalls;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** EpollDriver as a Driver (park, unpark, close) and its registrations. */
class EpollDriverTest {

    private static final long MILLIS = 1_000_000L;

    @Test
    void unparkBeforeParkMakesAnInfiniteParkReturnPromptly() throws Exception {
        try (EpollDriver d = EpollDriver.open()) {
            d.unpark();
            long t0 = System.nanoTime();
            d.park(-1);
            long tookMillis = (System.nanoTime() - t0) / MILLIS;
            assertThat(tookMillis).as("park after unpark took %d ms", tookMillis).isLessThan(1_000);
        }
    }

    @Test
    void parkWithTimeoutReturnsNoEarlierThanTheTimeout() throws Exception {
        try (EpollDriver d = EpollDriver.open()) {
            for (long timeoutNanos : new long[] {1, 500_000, 1_500_000, 20 * MILLIS}) {
                long t0 = System.nanoTime();
                d.park(timeoutNanos);
                long took = System.nanoTime() - t0;
                assertThat(took).as("park(%d ns) took %d ns", timeoutNanos, took)
                        .isGreaterThanOrEqualTo(timeoutNanos)
                        .isLessThan(timeoutNanos + 2_000 * MILLIS);
            }
        }
    }

    @Test
    void timeoutRoundsUpToWholeMillis() {
        assertThat(EpollDriver.toMillisRoundingUp(-1)).isEqualTo(-1);
        assertThat(EpollDriver.toMillisRoundingUp(0)).isZero();
        assertThat(EpollDriver.toMillisRoundingUp(1)).isEqualTo(1);
        assertThat(EpollDriver.toMillisRoundingUp(MILLIS)).isEqualTo(1);
        assertThat(EpollDriver.toMillisRoundingUp(MILLIS + 1)).isEqualTo(2);
        assertThat(EpollDriver.toMillisRoundingUp(Long.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void parkZeroReturnsWithoutSleeping() throws Exception {
        try (EpollDriver d = EpollDriver.open()) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 1_000; i++) {
                d.park(0);
            }
            long tookMillis = (System.nanoTime() - t0) / MILLIS;
            assertThat(tookMillis).as("1000 x park(0) took %d ms", tookMillis).isLessThan(1_000);
        }
    }

    @Test
    void unparkFromAnotherThreadWakesAnInfinitePark() throws Exception {
        try (EpollDriver d = EpollDriver.open()) {
            CountDownLatch parking = new CountDownLatch(1);
            Thread waker = Thread.ofPlatform().start(() -> {
                try {
                    parking.await();
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                d.unpark();
            });
            parking.countDown();
            long t0 = System.nanoTime();
            d.park(-1);
            long tookMillis = (System.nanoTime() - t0) / MILLIS;
            waker.join();
            assertThat(tookMillis).as("woken after %d ms", tookMillis).isBetween(0L, 5_000L);
        }
    }

    @Test
    void manyUnparksBetweenParksCoalesceIntoOneEventfdWrite() throws Exception {
        try (EpollDriver d = EpollDriver.open()) {
            for (int i = 0; i < 1_000; i++) {
                d.unpark();
            }
            d.park(0);
            assertThat(d.lastWakeCount()).as("eventfd writes for 1000 unparks").isEqualTo(1);
        }
    }

    @Test
    void concurrentUnparksCoalesceIntoOneEventfdWrite() throws Exception {
        try (EpollDriver d = EpollDriver.open()) {
            int threads = 4;
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> unparkers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                unparkers.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < 10_000; i++) {
                        d.unpark();
                    }
                }));
            }
            start.countDown();
            for (Thread t : unparkers) {
                t.join();
            }
            d.park(-1);
            assertThat(d.lastWakeCount()).as("eventfd writes for 40,000 unparks").isEqualTo(1);
            // The flag was cleared: the next unpark writes again and wakes the next park.
            d.unpark();
            d.park(-1);
            assertThat(d.lastWakeCount()).isEqualTo(1);
        }
    }

    @Test
    void parkWithoutUnparkDoesNotSeeAStaleWakeup() throws Exception {
        try (EpollDriver d = EpollDriver.open()) {
            d.unpark();
            d.park(-1);
            long t0 = System.nanoTime();
            d.park(30 * MILLIS);
            long took = System.nanoTime() - t0;
            assertThat(took).as("second park consumed nothing; took %d ns", took)
                    .isGreaterThanOrEqualTo(30 * MILLIS);
        }
    }

    @Test
    void readableEventfdDispatchesToItsHandlerOncePerEdge() throws Exception {
        int fd = LinuxException.checkInt("eventfd",
                Syscalls.eventfd(0, EventFdFlags.EFD_CLOEXEC | EventFdFlags.EFD_NONBLOCK));
        try (EpollDriver d = EpollDriver.open(); Arena arena = Arena.ofConfined()) {
            MemorySegment one = arena.allocate(8);
            one.set(ValueLayout.JAVA_LONG, 0, 1L);
            List<Integer> seen = new ArrayList<>();
            int token = d.register(fd, EpollEvent.EPOLLIN | EpollEvent.EPOLLET, seen::add);

            d.park(0);
            assertThat(seen).as("nothing ready yet").isEmpty();

            Syscalls.write(fd, one);
            d.park(1_000 * MILLIS);
            assertThat(seen).as("one edge, one call").hasSize(1);
            assertThat(seen.get(0) & EpollEvent.EPOLLIN).isNotZero();

            d.park(0);
            d.park(0);
            assertThat(seen).as("still readable but no new edge").hasSize(1);

            Syscalls.write(fd, one);
            d.park(1_000 * MILLIS);
            assertThat(seen).as("second edge, second call").hasSize(2);

            d.deregister(token);
            Syscalls.write(fd, one);
            d.park(20 * MILLIS);
            assertThat(seen).as("no call after deregister").hasSize(2);
            assertThat(d.registrations()).isZero();
        } finally {
            Syscalls.close(fd);
        }
    }

    @Test
    void handlerDeregisteringAnotherInTheSameParkStopsItsCall() throws Exception {
        int a = Syscalls.eventfd(1, EventFdFlags.EFD_CLOEXEC | EventFdFlags.EFD_NONBLOCK);
        int b = Syscalls.eventfd(1, EventFdFlags.EFD_CLOEXEC | EventFdFlags.EFD_NONBLOCK);
        try (EpollDriver d = EpollDriver.open()) {
            List<String> calls = new ArrayList<>();
            int[] tokens = new int[2];
            tokens[0] = d.register(a, EpollEvent.EPOLLIN | EpollEvent.EPOLLET, ev -> {
                calls.add("a");
                deregisterQuietly(d, tokens[1]);
            });
            tokens[1] = d.register(b, EpollEvent.EPOLLIN | EpollEvent.EPOLLET, ev -> {
                calls.add("b");
                deregisterQuietly(d, tokens[0]);
            });
            d.park(1_000 * MILLIS);
            assertThat(calls).as("both ready in one wait; the first handler removes the other")
                    .hasSize(1);
        } finally {
            Syscalls.close(a);
            Syscalls.close(b);
        }
    }

    private static void deregisterQuietly(EpollDriver d, int token) {
        try {
            d.deregister(token);
        } catch (LinuxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void registeringABadFdNamesTheCallAndErrno() throws Exception {
        try (EpollDriver d = EpollDriver.open()) {
            assertThatThrownBy(() -> d.register(-5, EpollEvent.EPOLLIN, ev -> {}))
                    .isInstanceOf(LinuxException.class)
                    .hasMessageContaining("epoll_ctl(ADD fd -5)")
                    .hasMessageContaining("EBADF");
            assertThat(d.registrations()).isZero();
        }
    }

    @Test
    void deregisterOfAClosedFdFailsAndNeverReusesItsToken() throws Exception {
        int fd = Syscalls.eventfd(0, EventFdFlags.EFD_CLOEXEC | EventFdFlags.EFD_NONBLOCK);
        try (EpollDriver d = EpollDriver.open()) {
            int token = d.register(fd, EpollEvent.EPOLLIN | EpollEvent.EPOLLET, ev -> {});
            Syscalls.close(fd);
            assertThatThrownBy(() -> d.deregister(token)).isInstanceOf(LinuxException.class)
                    .hasMessageContaining("epoll_ctl(DEL fd " + fd + ")");
            d.park(0);
            int other = Syscalls.eventfd(0, EventFdFlags.EFD_CLOEXEC | EventFdFlags.EFD_NONBLOCK);
            try {
                assertThat(d.register(other, EpollEvent.EPOLLIN, ev -> {})).isNotEqualTo(token);
            } finally {
                Syscalls.close(other);
            }
        }
    }

    @Test
    void closeReleasesBothFdsAndIsIdempotent() throws Exception {
        long before = Fds.open();
        List<EpollDriver> drivers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            drivers.add(EpollDriver.open());
        }
        assertThat(Fds.open()).as("two fds per driver").isEqualTo(before + 16);
        for (EpollDriver d : drivers) {
            d.unpark();
            d.close();
            d.close();
            d.unpark(); // after close: no write, no throw
        }
        assertThat(Fds.open()).as("fds back to baseline").isEqualTo(before);
    }

    @Test
    void factoryCreatesOneDriverPerCall() throws Exception {
        var a = EpollDriver.factory().create(0);
        var b = EpollDriver.factory().create(1);
        try {
            assertThat(a).isInstanceOf(EpollDriver.class).isNotSameAs(b);
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void wakeSurvivesManyParkCyclesFromAnotherThread() throws Exception {
        try (EpollDriver d = EpollDriver.open()) {
            int rounds = 2_000;
            java.util.concurrent.atomic.AtomicInteger produced = new java.util.concurrent.atomic.AtomicInteger();
            Thread producer = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < rounds; i++) {
                    produced.incrementAndGet();
                    d.unpark();
                    if (i % 64 == 0) {
                        Thread.yield();
                    }
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (produced.get() < rounds && System.nanoTime() < deadline) {
                d.park(-1);
            }
            producer.join();
            assertThat(produced.get()).isEqualTo(rounds);
        }
    }
}
