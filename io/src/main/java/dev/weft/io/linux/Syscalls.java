package dev.weft.io.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * FFM downcalls into libc. Every method returns a non-negative result or {@code -errno}
 * (see the package doc); {@link LinuxException#check} turns the latter into an exception.
 *
 * <p>errno capture and the error mapping are {@link Downcalls}'.
 *
 * <p>Calls without a libc wrapper ({@code io_uring_*}) go through the variadic
 * {@code long syscall(long number, ...)}: {@code firstVariadicArg(1)}, every argument a
 * {@code long} (the kernel reads six registers regardless, so unused ones are passed as 0).
 */
public final class Syscalls {
    private static final SyscallNumbers NR = SyscallNumbers.of(Arch.current());
    private static final Linker.Option CAPTURE_ERRNO = Downcalls.CAPTURE_ERRNO;

    private static final MethodHandle SYSCALL = downcall("syscall",
            FunctionDescriptor.of(JAVA_LONG,
                    JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            CAPTURE_ERRNO, Linker.Option.firstVariadicArg(1));
    private static final MethodHandle CLOSE = downcall("close",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle READ = downcall("read",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), CAPTURE_ERRNO);
    private static final MethodHandle WRITE = downcall("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), CAPTURE_ERRNO);
    private static final MethodHandle EVENTFD = downcall("eventfd",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle MMAP = downcall("mmap",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT,
                    JAVA_LONG),
            CAPTURE_ERRNO);
    private static final MethodHandle MUNMAP = downcall("munmap",
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG), CAPTURE_ERRNO);
    private static final MethodHandle STRERROR = downcall("strerror",
            FunctionDescriptor.of(ADDRESS, JAVA_INT));

    /** Longest strerror text read back; glibc's are under 60 bytes. */
    private static final long STRERROR_MAX_BYTES = 1024;

    private Syscalls() {}

    // ---- io_uring (no libc wrapper: syscall()) ----

    /** {@code io_uring_setup(entries, params)}: the ring fd, or -errno. */
    public static int ioUringSetup(int entries, MemorySegment params) {
        return (int) syscall(NR.ioUringSetup(), entries, params.address(), 0, 0, 0, 0);
    }

    /**
     * {@code io_uring_enter(fd, toSubmit, minComplete, flags, arg, argSize)}: the number of
     * SQEs consumed, or -errno. May block (GETEVENTS), hence no critical linkage.
     *
     * @param arg a sigset, or an {@code io_uring_getevents_arg} with EXT_ARG;
     *     {@link MemorySegment#NULL} for none
     */
    public static int ioUringEnter(int fd, int toSubmit, int minComplete, int flags,
                                   MemorySegment arg, long argSize) {
        return (int) syscall(NR.ioUringEnter(), fd, toSubmit, minComplete, flags,
                arg.address(), argSize);
    }

    /** {@code io_uring_register(fd, opcode, arg, nrArgs)}: an opcode-specific result or -errno. */
    public static int ioUringRegister(int fd, int opcode, MemorySegment arg, int nrArgs) {
        return (int) syscall(NR.ioUringRegister(), fd, opcode, arg.address(), nrArgs, 0, 0);
    }

    // ---- plain libc ----

    /** {@code close(fd)}: 0 or -errno. The fd is released even on EINTR (Linux semantics). */
    public static int close(int fd) {
        MemorySegment capture = Downcalls.capture();
        try {
            return result((int) CLOSE.invokeExact(capture, fd), capture);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code read(fd, buf, buf.byteSize())}: bytes read, or -errno. */
    public static long read(int fd, MemorySegment buf) {
        return read(fd, buf, buf.byteSize());
    }

    /** {@code read(fd, buf, count)}: bytes read, or -errno. {@code count <= buf.byteSize()}. */
    public static long read(int fd, MemorySegment buf, long count) {
        checkBounds(buf, count);
        MemorySegment capture = Downcalls.capture();
        try {
            return result((long) READ.invokeExact(capture, fd, buf, count), capture);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code write(fd, buf, buf.byteSize())}: bytes written, or -errno. */
    public static long write(int fd, MemorySegment buf) {
        return write(fd, buf, buf.byteSize());
    }

    /** {@code write(fd, buf, count)}: bytes written, or -errno. {@code count <= buf.byteSize()}. */
    public static long write(int fd, MemorySegment buf, long count) {
        checkBounds(buf, count);
        MemorySegment capture = Downcalls.capture();
        try {
            return result((long) WRITE.invokeExact(capture, fd, buf, count), capture);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code eventfd(initval, flags)} ({@link EventFdFlags}): the fd, or -errno. */
    public static int eventfd(int initialValue, int flags) {
        MemorySegment capture = Downcalls.capture();
        try {
            return result((int) EVENTFD.invokeExact(capture, initialValue, flags), capture);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code mmap(NULL, length, prot, flags, fd, offset)} ({@link Mman}): the mapping's
     * address, or -errno. User-space addresses are positive on x86-64 and aarch64, so the two
     * cannot be confused.
     */
    public static long mmap(long length, int prot, int flags, int fd, long offset) {
        MemorySegment capture = Downcalls.capture();
        try {
            long address = (long) MMAP.invokeExact(capture, 0L, length, prot, flags, fd, offset);
            // MAP_FAILED is (void *) -1, libc's usual failure value.
            return result(address, capture);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code munmap(address, length)}: 0 or -errno. */
    public static int munmap(long address, long length) {
        MemorySegment capture = Downcalls.capture();
        try {
            return result((int) MUNMAP.invokeExact(capture, address, length), capture);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** libc's message for a positive errno value. */
    public static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(STRERROR_MAX_BYTES).getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---- helpers ----

    private static long syscall(long number, long a0, long a1, long a2, long a3, long a4,
                                long a5) {
        MemorySegment capture = Downcalls.capture();
        try {
            return result((long) SYSCALL.invokeExact(capture, number, a0, a1, a2, a3, a4, a5),
                    capture);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static void checkBounds(MemorySegment buf, long count) {
        if (count < 0 || count > buf.byteSize()) {
            throw new IndexOutOfBoundsException(
                    "count " + count + " outside buffer of " + buf.byteSize() + " bytes");
        }
    }

    private static MethodHandle downcall(String name, FunctionDescriptor descriptor,
                                         Linker.Option... options) {
        return Downcalls.downcall(name, descriptor, options);
    }

    private static int result(int r, MemorySegment capture) {
        return Downcalls.result(r, capture);
    }

    private static long result(long r, MemorySegment capture) {
        return Downcalls.result(r, capture);
    }

    private static RuntimeException rethrow(Throwable t) {
        return Downcalls.rethrow(t);
    }
}
