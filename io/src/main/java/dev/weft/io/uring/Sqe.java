package dev.weft.io.uring;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * {@code struct io_uring_sqe} (64 bytes), mirroring liburing's
 * {@code src/include/liburing/io_uring.h}:
 * https://github.com/axboe/liburing/blob/master/src/include/liburing/io_uring.h
 *
 * <pre>
 *   0 opcode    u8         1 flags (IOSQE_*) u8    2 ioprio u16 (accept/recv flags)
 *   4 fd        s32
 *   8 off | addr2                          u64
 *  16 addr | splice_off_in                 u64
 *  24 len       u32
 *  28 op_flags  u32  (rw_flags, msg_flags, accept_flags, timeout_flags, ...)
 *  32 user_data u64  (echoed in the CQE)
 *  40 buf_index | buf_group u16           42 personality u16
 *  44 splice_fd_in | file_index | addr_len s32
 *  48 addr3     u64
 *  56 __pad2    u64
 *  64 (size)
 * </pre>
 * The accessors take the mapped SQE array and the byte offset of one entry (from
 * {@link SubmissionQueue#claim()}), so filling an SQE allocates nothing. All are plain stores,
 * published by the SQ tail's release store.
 */
public final class Sqe {

    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_BYTE.withName("opcode"),
            JAVA_BYTE.withName("flags"),
            JAVA_SHORT.withName("ioprio"),
            JAVA_INT.withName("fd"),
            JAVA_LONG.withName("off"),
            JAVA_LONG.withName("addr"),
            JAVA_INT.withName("len"),
            JAVA_INT.withName("op_flags"),
            JAVA_LONG.withName("user_data"),
            JAVA_SHORT.withName("buf_index"),
            JAVA_SHORT.withName("personality"),
            JAVA_INT.withName("splice_fd_in"),
            JAVA_LONG.withName("addr3"),
            JAVA_LONG.withName("pad2")).withName("io_uring_sqe");

    public static final long SIZE = 64;

    public static final long OPCODE = 0;
    public static final long FLAGS = 1;
    public static final long IOPRIO = 2;
    public static final long FD = 4;
    public static final long OFF = 8;
    public static final long ADDR = 16;
    public static final long LEN = 24;
    public static final long OP_FLAGS = 28;
    public static final long USER_DATA = 32;
    public static final long BUF_INDEX = 40;
    public static final long PERSONALITY = 42;
    public static final long SPLICE_FD_IN = 44;
    public static final long ADDR3 = 48;

    private Sqe() {}

    /** Zeroes all 64 bytes: a reused slot must not carry the previous operation's fields. */
    public static void clear(MemorySegment sqes, long sqe) {
        for (long word = 0; word < SIZE; word += Long.BYTES) {
            sqes.set(JAVA_LONG, sqe + word, 0L);
        }
    }

    public static void opcode(MemorySegment sqes, long sqe, byte opcode) {
        sqes.set(JAVA_BYTE, sqe + OPCODE, opcode);
    }

    public static void flags(MemorySegment sqes, long sqe, byte iosqeFlags) {
        sqes.set(JAVA_BYTE, sqe + FLAGS, iosqeFlags);
    }

    public static void ioprio(MemorySegment sqes, long sqe, short ioprio) {
        sqes.set(JAVA_SHORT, sqe + IOPRIO, ioprio);
    }

    public static void fd(MemorySegment sqes, long sqe, int fd) {
        sqes.set(JAVA_INT, sqe + FD, fd);
    }

    public static void off(MemorySegment sqes, long sqe, long off) {
        sqes.set(JAVA_LONG, sqe + OFF, off);
    }

    public static void addr(MemorySegment sqes, long sqe, long addr) {
        sqes.set(JAVA_LONG, sqe + ADDR, addr);
    }

    public static void len(MemorySegment sqes, long sqe, int len) {
        sqes.set(JAVA_INT, sqe + LEN, len);
    }

    public static void opFlags(MemorySegment sqes, long sqe, int opFlags) {
        sqes.set(JAVA_INT, sqe + OP_FLAGS, opFlags);
    }

    public static void userData(MemorySegment sqes, long sqe, long userData) {
        sqes.set(JAVA_LONG, sqe + USER_DATA, userData);
    }

    public static void bufGroup(MemorySegment sqes, long sqe, short bufGroup) {
        sqes.set(JAVA_SHORT, sqe + BUF_INDEX, bufGroup);
    }

    /** A NOP: completes with res 0 and echoes {@code userData}. */
    public static void prepNop(MemorySegment sqes, long sqe, long userData) {
        clear(sqes, sqe);
        opcode(sqes, sqe, IoUringConstants.IORING_OP_NOP);
        userData(sqes, sqe, userData);
    }
}
