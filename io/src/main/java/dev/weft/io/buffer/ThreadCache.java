package dev.weft.io.buffer;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * One thread's cache of free chunks for one pool: a small bounded LIFO stack per size class.
 * The allocate/release fast path is a pop or push here, with no atomic instruction and no lock.
 *
 * <p>Thread roles: owner only. Only {@link #owner} calls any method; a release on another
 * thread sees {@code owner != currentThread()} and goes to the shared list instead (see
 * {@link BufferPool}). {@link #owner} is final, so reading it from any thread is safe.
 */
final class ThreadCache {

    /** The only thread that may touch the stacks. */
    final Thread owner;
    private final int capacity;
    /** Owner only. stacks[class][0, sizes[class]) are free chunks of that class. */
    private final MemorySegment[][] stacks;
    /** Owner only. */
    private final int[] sizes;
    /** Owner only. Freed Buffers (with their Allocations) kept for reuse; pool without leak detection. */
    private final Buffer[] spares;
    private int spareCount;
    /** Owner only. Set by flushTo(); a retired cache takes no more chunks (they go to the shared lists). */
    private boolean retired;

    ThreadCache(Thread owner, int capacity) {
        this.owner = owner;
        this.capacity = capacity;
        this.stacks = new MemorySegment[SizeClasses.COUNT][capacity];
        this.sizes = new int[SizeClasses.COUNT];
        this.spares = new Buffer[capacity * 4];
    }

    /** A recycled Buffer to reinitialise, or null. */
    Buffer popSpare() {
        int n = spareCount;
        if (n == 0) {
            return null;
        }
        Buffer b = spares[--n];
        spares[n] = null;
        spareCount = n;
        return b;
    }

    /** Keeps {@code b} for reuse unless the stack is full. */
    void pushSpare(Buffer b) {
        if (spareCount < spares.length && !retired) {
            spares[spareCount++] = b;
        }
    }

    /** A free chunk of {@code classIndex}, or null on a miss. */
    MemorySegment pop(int classIndex) {
        int n = sizes[classIndex];
        if (n == 0) {
            return null;
        }
        MemorySegment[] stack = stacks[classIndex];
        MemorySegment chunk = stack[--n];
        stack[n] = null;
        sizes[classIndex] = n;
        return chunk;
    }

    /** Caches {@code chunk}; false (and nothing cached) when the class's stack is full. */
    boolean push(int classIndex, MemorySegment chunk) {
        int n = sizes[classIndex];
        if (retired) {
            return false;
        }
        if (n == capacity) {
            return false;
        }
        stacks[classIndex][n] = chunk;
        sizes[classIndex] = n + 1;
        return true;
    }

    /** Refills an empty class with a batch of half the capacity from {@code shared}; returns one chunk. */
    MemorySegment refillFrom(int classIndex, SharedFreeList shared) {
        MemorySegment[] stack = stacks[classIndex];
        int n = shared.takeBatch(stack, Math.max(1, capacity / 2));
        sizes[classIndex] = n;
        return pop(classIndex);
    }

    boolean isRetired() {
        return retired;
    }

    /** Moves the older half of a full class's stack to {@code shared}, making room. */
    void spillTo(int classIndex, SharedFreeList shared) {
        MemorySegment[] stack = stacks[classIndex];
        int n = sizes[classIndex];
        int spill = Math.max(1, n / 2);
        shared.pushBatch(stack, 0, spill);
        System.arraycopy(stack, spill, stack, 0, n - spill);
        Arrays.fill(stack, n - spill, n, null);
        sizes[classIndex] = n - spill;
    }

    /** Moves every cached chunk to the shared lists (a worker that is about to exit). */
    void flushTo(SharedFreeList[] shared) {
        retired = true;
        for (int c = 0; c < SizeClasses.COUNT; c++) {
            int n = sizes[c];
            if (n > 0) {
                shared[c].pushBatch(stacks[c], 0, n);
                Arrays.fill(stacks[c], 0, n, null);
                sizes[c] = 0;
            }
        }
    }
}
