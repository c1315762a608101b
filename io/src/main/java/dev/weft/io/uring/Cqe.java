package dev.weft.io.uring;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * {@code struct io_uring_cqe} (16 bytes; 32 with {@code IORING_SETUP_CQE32}, not used),
 * mirroring liburing's {@code src/include/liburing/io_uring.h}:
 * https://github.com/axboe/liburing/blob/master/src/include/liburing/io_uring.h
 *
 * <pre>
 *   0 user_data u64   copied from the SQE
 *   8 res       s32   result, or -errno
 *  12 flags     u32   IORING_CQE_F_*; buffer id in the upper 16 bits with F_BUFFER
 *  16 (size)
 * </pre>
 * Reads are plain: the CQ tail's acquire load orders them after the kernel's writes.
 */
public final class Cqe {

    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_LONG.withName("user_data"),
            JAVA_INT.withName("res"),
            JAVA_INT.withName("flags")).withName("io_uring_cqe");

    public static final long SIZE = 16;

    public static final long USER_DATA = 0;
    public static final long RES = 8;
    public static final long FLAGS = 12;

    /** {@code IORING_CQE_BUFFER_SHIFT}: the provided buffer's id is {@code flags >>> 16}. */
    public static final int BUFFER_SHIFT = 16;

    private Cqe() {}

    /** The user data of the CQE at byte {@code offset} of the CQE array. */
    static long userData(MemorySegment cqes, long offset) {
        return cqes.get(JAVA_LONG, offset + USER_DATA);
    }

    static int res(MemorySegment cqes, long offset) {
        return cqes.get(JAVA_INT, offset + RES);
    }

    static int flags(MemorySegment cqes, long offset) {
        return cqes.get(JAVA_INT, offset + FLAGS);
    }
}
