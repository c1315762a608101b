package dev.weft.io.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class SyscallsTest {

    @Test
    void closeOfInvalidFdReportsEbadfWithNameAndMessage() {
        int r = Syscalls.close(-1);

        assertThat(r).as("close(-1) result").isEqualTo(Errno.EBADF.negated());
        assertThatThrownBy(() -> LinuxException.check("close", r))
                .isInstanceOf(LinuxException.class)
                .hasMessage("close: EBADF (Bad file descriptor)")
                .satisfies(e -> {
                    LinuxException le = (LinuxException) e;
                    assertThat(le.call()).isEqualTo("close");
                    assertThat(le.errno()).isEqualTo(9);
                    assertThat(le.errnoName()).isEqualTo("EBADF");
                    assertThat(le.errnoOrNull()).isSameAs(Errno.EBADF);
                });
    }

    @Test
    void rawSyscallReportsErrnoThroughVariadicPath() {
        // io_uring_enter on fd -1 fails in the kernel's fd lookup before anything else.
        int r = Syscalls.ioUringEnter(-1, 0, 0, 0, MemorySegment.NULL, 0);

        assertThat(r).as("io_uring_enter(-1) = %d", r)
                .isIn(Errno.EBADF.negated(), Errno.ENOSYS.negated(), Errno.EPERM.negated());
    }

    @Test
    void eventfdWriteThenReadReturnsTheSum() throws LinuxException {
        int fd = LinuxException.checkInt("eventfd",
                Syscalls.eventfd(0, EventFdFlags.EFD_CLOEXEC | EventFdFlags.EFD_NONBLOCK));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment counter = arena.allocate(EventFdFlags.COUNTER_BYTES);
            counter.set(ValueLayout.JAVA_LONG, 0, 3);
            assertThat(LinuxException.check("write", Syscalls.write(fd, counter))).isEqualTo(8);
            counter.set(ValueLayout.JAVA_LONG, 0, 4);
            assertThat(LinuxException.check("write", Syscalls.write(fd, counter))).isEqualTo(8);

            counter.set(ValueLayout.JAVA_LONG, 0, 0);
            assertThat(LinuxException.check("read", Syscalls.read(fd, counter))).isEqualTo(8);
            assertThat(counter.get(ValueLayout.JAVA_LONG, 0)).as("counter").isEqualTo(7);

            long again = Syscalls.read(fd, counter);
            assertThat(Errno.EAGAIN.is(again)).as("second read on a drained non-blocking "
                    + "eventfd returns EAGAIN, got %d", again).isTrue();
        } finally {
            assertThat(Syscalls.close(fd)).isZero();
        }
    }

    @Test
    void readRejectsCountBeyondTheBuffer() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment small = arena.allocate(4);
            assertThatThrownBy(() -> Syscalls.read(0, small, 8))
                    .isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void everyErrnoMessageMatchesThisLibcStrerror() {
        for (Errno e : Errno.values()) {
            assertThat(e.message()).as("%s (%d)", e, e.number())
                    .isEqualTo(Syscalls.strerror(e.number()));
            assertThat(Errno.ofOrNull(e.number())).isSameAs(e);
        }
    }

    @Test
    void unlistedErrnoIsDescribedByNumberAndStrerror() {
        // 71 is EPROTO, which Errno does not list.
        assertThat(Errno.ofOrNull(71)).isNull();
        assertThat(Errno.describe(71)).isEqualTo("errno 71 (Protocol error)");
        assertThat(new LinuxException("recv", 71).getMessage())
                .isEqualTo("recv: errno 71 (Protocol error)");
    }

    @Test
    void mmapFailureIsNegativeErrno() {
        long r = Syscalls.mmap(4096, Mman.PROT_READ, Mman.MAP_SHARED, -1, 0);
        assertThat(r).as("mmap of fd -1 = %d", r).isEqualTo(Errno.EBADF.negated());
    }
}
