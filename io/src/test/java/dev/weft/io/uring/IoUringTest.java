package dev.weft.io.uring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.io.linux.LinuxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Ring setup, NOP round trips, wrap-around and close; skipped, naming the errno, without io_uring. */
class IoUringTest {

    private static IoUringProbe.Result probe;

    @BeforeAll
    static void probeOnce() {
        probe = IoUringProbe.probe();
    }

    private static void assumeIoUring() {
        assumeTrue(probe instanceof IoUringProbe.Available,
                () -> "io_uring not usable here, skipping: " + probe.describe());
    }

    /** Collects CQEs as (userData, res) pairs; test-only, allocates. */
    private static final class Collected implements CqeHandler {
        final List<Long> userData = new ArrayList<>();
        final List<Integer> results = new ArrayList<>();

        @Override
        public void onCqe(long ud, int res, int flags) {
            userData.add(ud);
            results.add(res);
        }
    }

    @Test
    void setupReportsAcceptedFlagsAndFeatures() throws LinuxException {
        assumeIoUring();
        try (IoUring ring = IoUring.open(64, 256)) {
            SetupReport s = ring.setup();
            System.out.println("[IoUringTest] " + s);
            assertThat(s.requestedFlags()).isEqualTo(IoUring.PREFERRED_FLAGS);
            assertThat(s.acceptedFlags() & ~s.requestedFlags()).as("no flag beyond the request")
                    .isZero();
            assertThat(s.sqEntries()).isEqualTo(64);
            if (s.hasFlag(IoUringConstants.IORING_SETUP_CQSIZE)) {
                assertThat(s.cqEntries()).isEqualTo(256);
            }
            assertThat(ring.sq().entries()).isEqualTo(s.sqEntries());
            assertThat(ring.cq().entries()).isEqualTo(s.cqEntries());
            assertThat(ring.sq().freeSlots()).isEqualTo(64);
            assertThat(ring.cq().ready()).isZero();
        }
    }

    @Test
    void plainRingWithoutOptionalFlagsWorks() throws LinuxException {
        assumeIoUring();
        try (IoUring ring = IoUring.open(8, 16, 0)) {
            assertThat(ring.setup().acceptedFlags()).isZero();
            assertThat(ring.setup().cqEntries()).as("kernel default CQ = 2 x SQ").isEqualTo(16);
            ring.prepNop(7);
            assertThat(ring.submitAndWait(1)).isEqualTo(1);
            Collected c = new Collected();
            assertThat(ring.cq().drain(c)).isEqualTo(1);
            assertThat(c.userData).containsExactly(7L);
        }
    }

    @Test
    void oneNopEchoesItsUserData() throws LinuxException {
        assumeIoUring();
        try (IoUring ring = IoUring.open(8, 16)) {
            long userData = 0xCAFE_BABE_1234_5678L;
            ring.prepNop(userData);

            assertThat(ring.submitAndWait(1)).as("SQEs consumed").isEqualTo(1);
            Collected c = new Collected();
            assertThat(ring.cq().drain(c)).isEqualTo(1);

            assertThat(c.userData).containsExactly(userData);
            assertThat(c.results).containsExactly(0);
            assertThat(ring.cq().ready()).isZero();
            assertThat(ring.sq().freeSlots()).isEqualTo(8);
        }
    }

    @Test
    void thirtyTwoNopsInOneEnterReapThirtyTwo() throws LinuxException {
        assumeIoUring();
        try (IoUring ring = IoUring.open(32, 64)) {
            for (int i = 0; i < 32; i++) {
                ring.prepNop(1000 + i);
            }
            assertThat(ring.sq().freeSlots()).isZero();
            assertThatThrownBy(ring.sq()::claim).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("full");

            assertThat(ring.submitAndWait(32)).isEqualTo(32);
            assertThat(ring.cq().ready()).isEqualTo(32);
            Collected c = new Collected();
            assertThat(ring.cq().drain(c)).isEqualTo(32);

            List<Long> expected = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                expected.add(1000L + i);
            }
            assertThat(c.userData).as("NOPs complete in submission order")
                    .containsExactlyElementsOf(expected);
            assertThat(c.results).containsOnly(0);
        }
    }

    @Test
    void headsAndTailsAdvanceAcrossWrapAround() throws LinuxException {
        assumeIoUring();
        try (IoUring ring = IoUring.open(4, 8)) {
            int perRound = 3;
            int rounds = 100; // 300 submissions through 4 SQ and 8 CQ slots
            long next = 0;
            long expectedNext = 0;
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < perRound; i++) {
                    ring.prepNop(next++);
                }
                assertThat(ring.submitAndWait(perRound)).isEqualTo(perRound);
                long[] expected = {expectedNext};
                int reaped = ring.cq().drain((ud, res, flags) -> {
                    assertThat(ud).as("round order").isEqualTo(expected[0]);
                    assertThat(res).isZero();
                    expected[0]++;
                });
                expectedNext = expected[0];
                assertThat(reaped).as("round %d", round).isEqualTo(perRound);
                int done = (round + 1) * perRound;
                assertThat(ring.cq().sharedHead()).as("CQ head after round %d", round)
                        .isEqualTo(done);
                assertThat(ring.cq().sharedTail()).as("CQ tail after round %d", round)
                        .isEqualTo(done);
                assertThat(ring.sq().freeSlots()).isEqualTo(4);
            }
            assertThat(ring.sq().dropped()).isZero();
            assertThat(ring.cq().overflow()).isZero();
        }
    }

    @Test
    void drainRespectsMaxAndLeavesTheRestReady() throws LinuxException {
        assumeIoUring();
        try (IoUring ring = IoUring.open(8, 16)) {
            for (int i = 0; i < 5; i++) {
                ring.prepNop(i);
            }
            ring.submitAndWait(5);
            Collected c = new Collected();
            assertThat(ring.cq().drain(c, 2)).isEqualTo(2);
            assertThat(ring.cq().ready()).isEqualTo(3);
            assertThat(ring.cq().drain(c)).isEqualTo(3);
            assertThat(c.userData).containsExactly(0L, 1L, 2L, 3L, 4L);
        }
    }

    @Test
    void singleIssuerRefusesSubmitFromAnotherThreadWithEexist() throws Exception {
        assumeIoUring();
        try (IoUring ring = IoUring.open(8, 16)) {
            assumeTrue(ring.setup().hasFlag(IoUringConstants.IORING_SETUP_SINGLE_ISSUER),
                    () -> "kernel refused SINGLE_ISSUER: " + ring.setup());
            ring.prepNop(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread other = Thread.ofPlatform().start(() -> {
                try {
                    ring.submitAndWait(0);
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            other.join();
            assertThat(failure.get()).isInstanceOf(LinuxException.class)
                    .hasMessage("io_uring_enter: EEXIST (File exists)");
            // The owner can still submit the same SQE.
            assertThat(ring.submitAndWait(1)).isEqualTo(1);
            assertThat(ring.cq().drain((ud, res, flags) -> { })).isEqualTo(1);
        }
    }

    @Test
    void closeReleasesTheRingFd() throws IOException {
        assumeIoUring();
        long before = openFds();
        IoUring ring = IoUring.open(8, 16);
        int fd = ring.fd();
        assertThat(openFds()).as("ring holds one fd").isEqualTo(before + 1);
        ring.close();
        assertThat(ring.isClosed()).isTrue();
        assertThat(openFds()).as("fds after close").isEqualTo(before);
        assertThat(Files.exists(Path.of("/proc/self/fd/" + fd))).isFalse();
        ring.close(); // idempotent
    }

    @Test
    void useAfterCloseThrowsInsteadOfTouchingUnmappedMemory() throws LinuxException {
        assumeIoUring();
        IoUring ring = IoUring.open(8, 16);
        ring.close();
        assertThatThrownBy(() -> ring.prepNop(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ring.cq().ready()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nopRoundTripTiming() throws LinuxException {
        assumeIoUring();
        timeNops("preferred flags", IoUring.PREFERRED_FLAGS);
        timeNops("no flags", 0);
        timeNops("preferred flags", IoUring.PREFERRED_FLAGS);
    }

    private static void timeNops(String label, int setupFlags) throws LinuxException {
        try (IoUring ring = IoUring.open(32, 64, setupFlags)) {
            CqeHandler ignore = (ud, res, flags) -> { };
            int single = 200_000;
            int batches = 20_000;
            for (int warm = 0; warm < 3; warm++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < single; i++) {
                    ring.prepNop(i);
                    ring.submitAndWait(1);
                    ring.cq().drain(ignore);
                }
                long t1 = System.nanoTime();
                for (int b = 0; b < batches; b++) {
                    for (int i = 0; i < 32; i++) {
                        ring.prepNop(i);
                    }
                    ring.submitAndWait(32);
                    ring.cq().drain(ignore);
                }
                long t2 = System.nanoTime();
                System.out.printf("[IoUringTest] %s (%s), pass %d: 1 NOP round trip %.0f ns; "
                                + "batch of 32 %.0f ns per NOP%n", label,
                        IoUringConstants.describeSetupFlags(ring.setup().acceptedFlags()), warm,
                        (t1 - t0) / (double) single, (t2 - t1) / (batches * 32.0));
            }
            assertThat(ring.cq().ready()).isZero();
        }
    }

    /** Open anonymous-inode fds (rings, eventfds): see {@link IoUringDriverTest#openFds()}. */
    private static long openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(IoUringDriverTest::isAnonInode).count();
        }
    }

    @Test
    void invalidSizesAreRejectedBeforeTheKernel() {
        assertThatThrownBy(() -> IoUring.open(0, 8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sqEntries");
        assertThatThrownBy(() -> IoUring.open(16, 8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cqEntries");
        assertThatThrownBy(() -> IoUring.open(8, 16, IoUringConstants.IORING_SETUP_SQPOLL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SQPOLL");
    }

    @Test
    void cqLargerThanTheKernelMaximumIsRejectedBeforeTheKernel() {
        // Otherwise the kernel's EINVAL would walk the fallback down to a ring without CQSIZE.
        assertThatThrownBy(() -> IoUring.open(8, IoUring.MAX_CQ_ENTRIES + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cqEntries");
    }
}
