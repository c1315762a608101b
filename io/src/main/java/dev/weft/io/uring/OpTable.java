package dev.weft.io.uring;

import java.util.Arrays;

/**
 * The operations in flight on one ring, by slot: an SQE's user_data token is its op's slot, so
 * a CQE finds its op with one array load and no allocation. Slots are reused from a free stack.
 *
 * <p>Not thread-safe: the ring's owner only.
 */
final class OpTable {
    private UringOp[] ops = new UringOp[64];
    private int[] free = new int[64];
    private int freeCount;
    private int used;
    private int inFlight;

    /** Puts {@code op} in a slot and returns it (the user_data token). */
    int add(UringOp op) {
        int slot;
        if (freeCount > 0) {
            slot = free[--freeCount];
        } else {
            if (used == ops.length) {
                ops = Arrays.copyOf(ops, used * 2);
            }
            slot = used++;
        }
        ops[slot] = op;
        op.slot = slot;
        inFlight++;
        return slot;
    }

    /** Delivers a CQE to the op in {@code slot}; frees the slot after its last CQE. */
    void complete(int slot, int res, int flags, boolean isLast) {
        UringOp op = ops[slot];
        if (op == null) {
            return;
        }
        if (isLast) {
            ops[slot] = null;
            op.slot = -1;
            inFlight--;
            if (freeCount == free.length) {
                free = Arrays.copyOf(free, freeCount * 2);
            }
            free[freeCount++] = slot;
        }
        op.onCqe(res, flags, isLast);
    }

    int inFlight() {
        return inFlight;
    }

    /** Whether an op in flight may still take buffers from the buffer ring. */
    boolean anyUsesBufferRing() {
        for (int i = 0; i < used; i++) {
            if (ops[i] != null && ops[i].usesBufferRing()) {
                return true;
            }
        }
        return false;
    }

    /** The kinds of the ops in flight, for a diagnostic. */
    String describeInFlight() {
        java.util.Map<String, Integer> kinds = new java.util.TreeMap<>();
        for (int i = 0; i < used; i++) {
            if (ops[i] != null) {
                kinds.merge(ops[i].getClass().getSimpleName(), 1, Integer::sum);
            }
        }
        return kinds.toString();
    }
}
