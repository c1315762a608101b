package dev.weft.io.uring;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

/**
 * The completion side of a ring: the kernel posts CQEs at the tail, the owner reaps them from
 * the head with {@link #drain} and releases the slots with one release store of the head.
 *
 * <p>Algorithm: liburing's {@code io_uring_peek_batch_cqe} / {@code io_uring_cq_advance}.
 * Single consumer (the ring's owner thread), the kernel the producer. Wait-free. With
 * {@code IORING_FEAT_NODROP} a full CQ makes the kernel keep completions on an overflow list
 * (flagged by {@code IORING_SQ_CQ_OVERFLOW}) and flush them at the next enter with GETEVENTS.
 *
 * <p>Not thread-safe.
 */
public final class CompletionQueue {
    private static final VarHandle INT = JAVA_INT.varHandle();

    private final MemorySegment ring;
    private final long headOffset;
    private final long tailOffset;
    private final long overflowOffset;
    private final long cqesOffset;
    private final int mask;
    private final int entries;

    /** Next CQE to reap; mirrors the shared head word. Owner thread only. */
    private int head;

    CompletionQueue(MemorySegment ring, MemorySegment params) {
        this.ring = ring;
        this.headOffset = IoUringParams.cqOff(params, IoUringParams.CQ_OFF_HEAD);
        this.tailOffset = IoUringParams.cqOff(params, IoUringParams.CQ_OFF_TAIL);
        this.overflowOffset = IoUringParams.cqOff(params, IoUringParams.CQ_OFF_OVERFLOW);
        this.cqesOffset = IoUringParams.cqOff(params, IoUringParams.CQ_OFF_CQES);
        this.mask = ring.get(JAVA_INT, IoUringParams.cqOff(params, IoUringParams.CQ_OFF_RING_MASK));
        this.entries = ring.get(JAVA_INT,
                IoUringParams.cqOff(params, IoUringParams.CQ_OFF_RING_ENTRIES));
        // ordering: plain; read once at setup, before any CQE exists.
        this.head = ring.get(JAVA_INT, headOffset);
    }

    /** The number of CQE slots (a power of two). */
    public int entries() {
        return entries;
    }

    /** CQEs posted and not reaped yet. */
    public int ready() {
        return laTail() - head;
    }

    /** Reaps every ready CQE; see {@link #drain(CqeHandler, int)}. */
    public int drain(CqeHandler handler) {
        return drain(handler, Integer.MAX_VALUE);
    }

    /**
     * Hands up to {@code max} ready CQEs to {@code handler} in order, then releases their slots
     * to the kernel. If the handler throws, the CQEs handed over so far are still released.
     *
     * @return the number reaped
     */
    public int drain(CqeHandler handler, int max) {
        final int tail = laTail();
        int h = head;
        int reaped = 0;
        try {
            while (h != tail && reaped < max) {
                long cqe = cqesOffset + (long) (h & mask) * Cqe.SIZE;
                // Advance first: a throwing handler has consumed this CQE.
                h++;
                reaped++;
                handler.onCqe(Cqe.userData(ring, cqe), Cqe.res(ring, cqe),
                        Cqe.flags(ring, cqe));
            }
        } finally {
            if (reaped > 0) {
                head = h;
                soHead(h);
            }
        }
        return reaped;
    }

    /** Completions the kernel had to drop (only without FEAT_NODROP); diagnostic. */
    public int overflow() {
        // ordering: opaque; a counter read for reporting, orders nothing.
        return (int) INT.getOpaque(ring, overflowOffset);
    }

    /** The shared head word as the kernel sees it (for tests and diagnostics). */
    int sharedHead() {
        // ordering: plain; only this thread writes the head.
        return ring.get(JAVA_INT, headOffset);
    }

    /** The shared tail word. */
    int sharedTail() {
        return laTail();
    }

    private int laTail() {
        // ordering: acquire; the CQE stores happen-before the reads of the slots below.
        // Pairs with smp_store_release(&rings->cq.tail) in io_commit_cqring() (io_uring.c).
        return (int) INT.getAcquire(ring, tailOffset);
    }

    private void soHead(int newHead) {
        // ordering: release; our loads of the reaped CQEs complete before the kernel may
        // reuse their slots. Pairs with the READ_ONCE(rings->cq.head) + control dependency
        // in io_cqe_cache_refill()/__io_cqring_events() (the kernel's io_uring.c header
        // comment: "smp_store_release to store head will do").
        INT.setRelease(ring, headOffset, newHead);
    }
}
