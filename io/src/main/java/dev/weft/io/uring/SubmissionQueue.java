package dev.weft.io.uring;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

/**
 * The submission side of a ring: claim an SQE slot, fill it with {@link Sqe}, and
 * {@link #flush()} publishes every filled slot with one release store of the tail.
 *
 * <p>Algorithm: liburing's {@code io_uring_get_sqe} / {@code __io_uring_flush_sq}. Single
 * producer (the ring's owner thread; {@code IORING_SETUP_SINGLE_ISSUER} makes the kernel
 * enforce it), the kernel the consumer inside {@code io_uring_enter}. Wait-free. The SQ
 * {@code array} is filled with the identity map at setup, so slot {@code i} always names SQE
 * {@code i} and is never written again.
 *
 * <p>Not thread-safe; no {@code SQPOLL} (the head would then need an acquire load).
 */
public final class SubmissionQueue {
    private static final VarHandle INT = JAVA_INT.varHandle();

    private final MemorySegment ring;
    private final MemorySegment sqes;
    private final long headOffset;
    private final long tailOffset;
    private final long flagsOffset;
    private final long droppedOffset;
    private final int mask;
    private final int entries;

    /** Next slot to hand out (not yet visible to the kernel). Owner thread only. */
    private int sqeTail;

    SubmissionQueue(MemorySegment ring, MemorySegment sqes, MemorySegment params) {
        this.ring = ring;
        this.sqes = sqes;
        this.headOffset = IoUringParams.sqOff(params, IoUringParams.SQ_OFF_HEAD);
        this.tailOffset = IoUringParams.sqOff(params, IoUringParams.SQ_OFF_TAIL);
        this.flagsOffset = IoUringParams.sqOff(params, IoUringParams.SQ_OFF_FLAGS);
        this.droppedOffset = IoUringParams.sqOff(params, IoUringParams.SQ_OFF_DROPPED);
        this.mask = ring.get(JAVA_INT, IoUringParams.sqOff(params, IoUringParams.SQ_OFF_RING_MASK));
        this.entries = ring.get(JAVA_INT,
                IoUringParams.sqOff(params, IoUringParams.SQ_OFF_RING_ENTRIES));
        long array = IoUringParams.sqOff(params, IoUringParams.SQ_OFF_ARRAY);
        for (int i = 0; i < entries; i++) {
            // Plain: no SQE is published yet; the first soTail() releases these stores too.
            ring.set(JAVA_INT, array + (long) i * Integer.BYTES, i);
        }
        this.sqeTail = lpTail();
    }

    /** The number of SQE slots (a power of two). */
    public int entries() {
        return entries;
    }

    /** The mapped SQE array, to fill claimed slots with {@link Sqe}. */
    public MemorySegment sqes() {
        return sqes;
    }

    /** Slots that can be claimed before a {@link #flush()} and submit free some. */
    public int freeSlots() {
        return entries - (sqeTail - lpHead());
    }

    /**
     * Claims the next SQE slot and returns its byte offset in {@link #sqes()}. The slot holds
     * stale data: fill every field the operation reads (the {@code prep*} methods clear first).
     *
     * @throws IllegalStateException when the ring is full; check {@link #freeSlots()} first
     */
    public long claim() {
        int tail = sqeTail;
        if (tail - lpHead() >= entries) {
            throw new IllegalStateException(
                    "submission queue full; entries=" + entries + " tail=" + tail);
        }
        sqeTail = tail + 1;
        return (long) (tail & mask) * Sqe.SIZE;
    }

    /**
     * Publishes every claimed slot to the kernel and returns how many the kernel has not
     * consumed yet (the {@code to_submit} for {@code io_uring_enter}).
     */
    int flush() {
        int tail = sqeTail;
        // ordering: release; publishes the SQE (and array) stores before the new tail.
        // Pairs with smp_load_acquire(&rings->sq.tail) in io_sqring_entries() (io_uring.c).
        soTail(tail);
        return tail - lpHead();
    }

    /** SQEs the kernel dropped as invalid (sq_off.dropped); diagnostic. */
    public int dropped() {
        // ordering: opaque; a counter read for reporting, orders nothing.
        return (int) INT.getOpaque(ring, droppedOffset);
    }

    /** The SQ ring flags word ({@code IORING_SQ_*}), e.g. CQ_OVERFLOW or TASKRUN. */
    int loFlags() {
        // ordering: opaque; the kernel sets these bits asynchronously (WRITE_ONCE / atomic
        // or in io_uring.c); they are hints that lead to an enter, which synchronizes.
        return (int) INT.getOpaque(ring, flagsOffset);
    }

    private int lpHead() {
        // ordering: plain; without SQPOLL the kernel advances the head only inside our own
        // io_uring_enter (smp_store_release in io_commit_sqring()), and the syscall's return
        // orders that store before this load. SQPOLL would need an acquire here.
        return ring.get(JAVA_INT, headOffset);
    }

    private int lpTail() {
        // ordering: plain; only this thread writes the tail, read once at setup.
        return ring.get(JAVA_INT, tailOffset);
    }

    private void soTail(int tail) {
        INT.setRelease(ring, tailOffset, tail);
    }
}
