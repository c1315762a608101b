package dev.weft.io.uring;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * {@code struct io_uring_getevents_arg} (24 bytes), passed to {@code io_uring_enter} with
 * {@code IORING_ENTER_EXT_ARG} (needs {@code IORING_FEAT_EXT_ARG}, 5.11), and the
 * {@code struct __kernel_timespec} its {@code ts} points at, mirroring liburing's
 * {@code src/include/liburing/io_uring.h} and the kernel's {@code include/uapi/linux/time_types.h}:
 * https://github.com/axboe/liburing/blob/master/src/include/liburing/io_uring.h
 *
 * <pre>
 * io_uring_getevents_arg            __kernel_timespec
 *   0 sigmask       u64 (pointer)     0 tv_sec  s64
 *   8 sigmask_sz    u32               8 tv_nsec s64
 *  12 min_wait_usec u32 (was pad)    16 (size)
 *  16 ts            u64 (pointer; 0 = wait without timeout)
 *  24 (size)
 * </pre>
 * Plain stores: the kernel copies both structs in during the syscall that receives them.
 */
final class GeteventsArg {

    static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_LONG.withName("sigmask"),
            JAVA_INT.withName("sigmask_sz"),
            JAVA_INT.withName("min_wait_usec"),
            JAVA_LONG.withName("ts")).withName("io_uring_getevents_arg");

    static final StructLayout TIMESPEC_LAYOUT = MemoryLayout.structLayout(
            JAVA_LONG.withName("tv_sec"),
            JAVA_LONG.withName("tv_nsec")).withName("__kernel_timespec");

    static final long SIZE = 24;
    static final long SIGMASK = 0;
    static final long SIGMASK_SZ = 8;
    static final long MIN_WAIT_USEC = 12;
    static final long TS = 16;

    static final long TIMESPEC_SIZE = 16;
    static final long TV_SEC = 0;
    static final long TV_NSEC = 8;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private GeteventsArg() {}

    /**
     * Fills {@code arg} to wait at most {@code timeoutNanos} ({@code < 0}: no timeout), with
     * {@code ts} pointing at {@code timespec} when there is one. No signal mask.
     */
    static void prepare(MemorySegment arg, MemorySegment timespec, long timeoutNanos) {
        arg.set(JAVA_LONG, SIGMASK, 0L);
        arg.set(JAVA_INT, SIGMASK_SZ, 0);
        arg.set(JAVA_INT, MIN_WAIT_USEC, 0);
        if (timeoutNanos < 0) {
            arg.set(JAVA_LONG, TS, 0L);
            return;
        }
        timespec.set(JAVA_LONG, TV_SEC, timeoutNanos / NANOS_PER_SECOND);
        timespec.set(JAVA_LONG, TV_NSEC, timeoutNanos % NANOS_PER_SECOND);
        arg.set(JAVA_LONG, TS, timespec.address());
    }
}
