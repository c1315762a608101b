package dev.weft.io.uring;

/**
 * One operation in flight on a ring, found again from its CQE by the slot its user_data names
 * ({@link OpTable}). Multishot operations receive several CQEs; the one without
 * {@code IORING_CQE_F_MORE} is the last, after which the slot is free.
 *
 * <p>Called on the ring's owner thread only.
 */
abstract class UringOp {
    /** Owner only: the slot while in flight, -1 otherwise. */
    int slot = -1;

    /**
     * One CQE for this operation.
     *
     * @param isLast no more CQEs will come for this submission
     */
    abstract void onCqe(int res, int flags, boolean isLast);

    boolean isInFlight() {
        return slot >= 0;
    }

    /** Whether the kernel may pick buffers from the worker's buffer ring for this op. */
    boolean usesBufferRing() {
        return false;
    }
}
