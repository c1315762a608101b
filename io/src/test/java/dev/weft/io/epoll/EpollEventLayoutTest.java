package dev.weft.io.epoll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.io.linux.Arch;
import dev.weft.io.linux.EpollEvent;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** struct epoll_event as <sys/epoll.h> declares it: packed on x86-64 only. */
class EpollEventLayoutTest {

    @Test
    void x86LayoutIsPackedTwelveBytesWithDataAtFour() {
        EpollEvent e = EpollEvent.of(Arch.X86_64);
        assertThat(e.byteSize()).isEqualTo(12);
        assertThat(e.eventsOffset()).isZero();
        assertThat(e.dataOffset()).isEqualTo(4);
    }

    @Test
    void aarch64LayoutIsNaturallyAlignedSixteenBytesWithDataAtEight() {
        EpollEvent e = EpollEvent.of(Arch.AARCH64);
        assertThat(e.byteSize()).isEqualTo(16);
        assertThat(e.dataOffset()).isEqualTo(8);
    }

    @Test
    void secondArrayElementRoundTripsAtAnUnalignedOffset() {
        EpollEvent e = EpollEvent.PACKED;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment array = arena.allocate(e.byteSize() * 2, 8);
            e.set(array.asSlice(e.byteSize()), EpollEvent.EPOLLIN | EpollEvent.EPOLLET,
                    0x0102030405060708L);
            assertThat(e.events(array, 1)).isEqualTo(EpollEvent.EPOLLIN | EpollEvent.EPOLLET);
            assertThat(e.data(array, 1)).isEqualTo(0x0102030405060708L);
            assertThat(array.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 16))
                    .as("data little-endian at byte 12 + 4").isEqualTo((byte) 0x08);
        }
    }
}
