package dev.weft.io.buffer;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * The shared free chunks of one size class: a LIFO stack behind a lock. Thread caches come
 * here on a miss (taking a batch) and on overflow (giving back a batch), and a release on a
 * thread other than the allocating one pushes its chunk here.
 *
 * <p>Progress: blocking (an intrinsic lock). Chosen over a Treiber stack because every
 * operation moves a batch, so the lock is taken once per {@code cacheCapacity / 2} buffers on
 * the per-thread path, and a batch move is a plain array copy under the lock.
 *
 * <p>Thread roles: any thread; all fields guarded by {@code this}.
 */
final class SharedFreeList {

    private final int classIndex;
    /** Carves a new slab for this class when the stack is empty; called under the lock. */
    private final IntFunction<MemorySegment[]> growByOneSlab;

    /** Guarded by this. Free chunks; [0, size) are valid. */
    private MemorySegment[] stack = new MemorySegment[64];
    /** Guarded by this. */
    private int size;
    /** Guarded by this. Number of lock acquisitions (the shared-pool traffic statistic). */
    private long operations;

    SharedFreeList(int classIndex, IntFunction<MemorySegment[]> growByOneSlab) {
        this.classIndex = classIndex;
        this.growByOneSlab = growByOneSlab;
    }

    /** Pushes one chunk (a cross-thread release). */
    synchronized void push(MemorySegment chunk) {
        operations++;
        ensureRoom(1);
        stack[size++] = chunk;
    }

    /** Pushes {@code count} chunks from {@code from[offset..offset+count)} (a cache overflow). */
    synchronized void pushBatch(MemorySegment[] from, int offset, int count) {
        operations++;
        ensureRoom(count);
        System.arraycopy(from, offset, stack, size, count);
        size += count;
    }

    /**
     * Moves up to {@code max} (at least 1) chunks into {@code into[0..)}, carving a new slab
     * first if the stack is empty; returns how many were moved (at least 1).
     */
    synchronized int takeBatch(MemorySegment[] into, int max) {
        operations++;
        if (size == 0) {
            MemorySegment[] carved = growByOneSlab.apply(classIndex);
            ensureRoom(carved.length);
            // Reverse so the lowest address is popped first (sequential touch of a fresh slab).
            for (int i = carved.length - 1; i >= 0; i--) {
                stack[size++] = carved[i];
            }
        }
        int n = Math.min(max, size);
        System.arraycopy(stack, size - n, into, 0, n);
        Arrays.fill(stack, size - n, size, null);
        size -= n;
        return n;
    }

    synchronized int size() {
        return size;
    }

    synchronized long operations() {
        return operations;
    }

    private void ensureRoom(int extra) {
        if (size + extra > stack.length) {
            stack = Arrays.copyOf(stack, Math.max(stack.length * 2, size + extra));
        }
    }
}
