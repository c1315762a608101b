package dev.weft.io.uring;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** The EXT_ARG structs match io_uring.h's sizes and offsets, and prepare() fills them. */
class GeteventsArgTest {

    @Test
    void layoutsMatchTheNamedOffsetsAndSizes() {
        assertThat(GeteventsArg.LAYOUT.byteSize()).isEqualTo(GeteventsArg.SIZE);
        assertThat(GeteventsArg.LAYOUT.byteOffset(groupElement("sigmask")))
                .isEqualTo(GeteventsArg.SIGMASK);
        assertThat(GeteventsArg.LAYOUT.byteOffset(groupElement("sigmask_sz")))
                .isEqualTo(GeteventsArg.SIGMASK_SZ);
        assertThat(GeteventsArg.LAYOUT.byteOffset(groupElement("min_wait_usec")))
                .isEqualTo(GeteventsArg.MIN_WAIT_USEC);
        assertThat(GeteventsArg.LAYOUT.byteOffset(groupElement("ts"))).isEqualTo(GeteventsArg.TS);
        assertThat(GeteventsArg.TIMESPEC_LAYOUT.byteSize()).isEqualTo(GeteventsArg.TIMESPEC_SIZE);
        assertThat(GeteventsArg.TIMESPEC_LAYOUT.byteOffset(groupElement("tv_nsec")))
                .isEqualTo(GeteventsArg.TV_NSEC);
    }

    @Test
    void prepareSplitsTheTimeoutIntoSecondsAndNanosAndPointsAtIt() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment arg = arena.allocate(GeteventsArg.LAYOUT);
            MemorySegment ts = arena.allocate(GeteventsArg.TIMESPEC_LAYOUT);
            GeteventsArg.prepare(arg, ts, 2_500_000_123L);
            assertThat(arg.get(JAVA_LONG, GeteventsArg.TS)).isEqualTo(ts.address());
            assertThat(arg.get(JAVA_INT, GeteventsArg.SIGMASK_SZ)).isZero();
            assertThat(ts.get(JAVA_LONG, GeteventsArg.TV_SEC)).isEqualTo(2);
            assertThat(ts.get(JAVA_LONG, GeteventsArg.TV_NSEC)).isEqualTo(500_000_123L);
        }
    }

    @Test
    void prepareWithoutTimeoutPassesANullTimespec() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment arg = arena.allocate(GeteventsArg.LAYOUT);
            MemorySegment ts = arena.allocate(GeteventsArg.TIMESPEC_LAYOUT);
            GeteventsArg.prepare(arg, ts, -1);
            assertThat(arg.get(JAVA_LONG, GeteventsArg.TS)).isZero();
        }
    }
}
