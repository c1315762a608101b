package dev.weft.io.uring;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * {@code struct io_uring_params} (120 bytes) with its nested {@code io_sqring_offsets} and
 * {@code io_cqring_offsets} (40 bytes each), mirroring liburing's
 * {@code src/include/liburing/io_uring.h} (the kernel's {@code include/uapi/linux/io_uring.h}):
 * https://github.com/axboe/liburing/blob/master/src/include/liburing/io_uring.h
 *
 * <pre>
 *  io_uring_params                       io_sqring_offsets (sq_off, at 40)
 *   0 sq_entries      u32  in/out          0 head          u32
 *   4 cq_entries      u32  in (CQSIZE)/out 4 tail          u32
 *   8 flags           u32  in              8 ring_mask     u32
 *  12 sq_thread_cpu   u32                 12 ring_entries  u32
 *  16 sq_thread_idle  u32                 16 flags         u32
 *  20 features        u32  out            20 dropped       u32
 *  24 wq_fd           u32                 24 array         u32
 *  28 resv[3]         u32 x3              28 resv1         u32
 *  40 sq_off          io_sqring_offsets   32 user_addr     u64
 *  80 cq_off          io_cqring_offsets  io_cqring_offsets (cq_off, at 80)
 * 120 (size)                               0 head  4 tail  8 ring_mask  12 ring_entries
 *                                         16 overflow  20 cqes  24 flags  28 resv1
 *                                         32 user_addr u64
 * </pre>
 * The offsets in {@code sq_off}/{@code cq_off} are byte offsets into the mapped rings.
 */
public final class IoUringParams {

    static final StructLayout SQ_OFFSETS = MemoryLayout.structLayout(
            JAVA_INT.withName("head"),
            JAVA_INT.withName("tail"),
            JAVA_INT.withName("ring_mask"),
            JAVA_INT.withName("ring_entries"),
            JAVA_INT.withName("flags"),
            JAVA_INT.withName("dropped"),
            JAVA_INT.withName("array"),
            JAVA_INT.withName("resv1"),
            JAVA_LONG.withName("user_addr")).withName("io_sqring_offsets");

    static final StructLayout CQ_OFFSETS = MemoryLayout.structLayout(
            JAVA_INT.withName("head"),
            JAVA_INT.withName("tail"),
            JAVA_INT.withName("ring_mask"),
            JAVA_INT.withName("ring_entries"),
            JAVA_INT.withName("overflow"),
            JAVA_INT.withName("cqes"),
            JAVA_INT.withName("flags"),
            JAVA_INT.withName("resv1"),
            JAVA_LONG.withName("user_addr")).withName("io_cqring_offsets");

    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_INT.withName("sq_entries"),
            JAVA_INT.withName("cq_entries"),
            JAVA_INT.withName("flags"),
            JAVA_INT.withName("sq_thread_cpu"),
            JAVA_INT.withName("sq_thread_idle"),
            JAVA_INT.withName("features"),
            JAVA_INT.withName("wq_fd"),
            MemoryLayout.sequenceLayout(3, JAVA_INT).withName("resv"),
            SQ_OFFSETS.withName("sq_off"),
            CQ_OFFSETS.withName("cq_off")).withName("io_uring_params");

    public static final long SIZE = 120;

    public static final long SQ_ENTRIES = 0;
    public static final long CQ_ENTRIES = 4;
    public static final long FLAGS = 8;
    public static final long SQ_THREAD_CPU = 12;
    public static final long SQ_THREAD_IDLE = 16;
    public static final long FEATURES = 20;
    public static final long WQ_FD = 24;
    public static final long SQ_OFF = 40;
    public static final long CQ_OFF = 80;

    /** Field offsets inside {@code io_sqring_offsets}. */
    public static final long SQ_OFF_HEAD = 0;
    public static final long SQ_OFF_TAIL = 4;
    public static final long SQ_OFF_RING_MASK = 8;
    public static final long SQ_OFF_RING_ENTRIES = 12;
    public static final long SQ_OFF_FLAGS = 16;
    public static final long SQ_OFF_DROPPED = 20;
    public static final long SQ_OFF_ARRAY = 24;

    /** Field offsets inside {@code io_cqring_offsets}. */
    public static final long CQ_OFF_HEAD = 0;
    public static final long CQ_OFF_TAIL = 4;
    public static final long CQ_OFF_RING_MASK = 8;
    public static final long CQ_OFF_RING_ENTRIES = 12;
    public static final long CQ_OFF_OVERFLOW = 16;
    public static final long CQ_OFF_CQES = 20;
    public static final long CQ_OFF_FLAGS = 24;

    private IoUringParams() {}

    static int sqEntries(MemorySegment p) {
        return p.get(JAVA_INT, SQ_ENTRIES);
    }

    static int cqEntries(MemorySegment p) {
        return p.get(JAVA_INT, CQ_ENTRIES);
    }

    static int flags(MemorySegment p) {
        return p.get(JAVA_INT, FLAGS);
    }

    static int features(MemorySegment p) {
        return p.get(JAVA_INT, FEATURES);
    }

    /** A field of {@code sq_off}, e.g. {@code sqOff(p, SQ_OFF_TAIL)}. */
    static int sqOff(MemorySegment p, long field) {
        return p.get(JAVA_INT, SQ_OFF + field);
    }

    /** A field of {@code cq_off}, e.g. {@code cqOff(p, CQ_OFF_CQES)}. */
    static int cqOff(MemorySegment p, long field) {
        return p.get(JAVA_INT, CQ_OFF + field);
    }

    /** Fills the input fields of a zeroed params struct. */
    static void prepare(MemorySegment p, int setupFlags, int cqEntries) {
        p.fill((byte) 0);
        p.set(JAVA_INT, FLAGS, setupFlags);
        p.set(JAVA_INT, CQ_ENTRIES, cqEntries);
    }
}
