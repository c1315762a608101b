package dev.weft.runtime.scheduler;

import dev.weft.runtime.task.Task;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A worker's bounded run queue: the owner pushes and pops at opposite ends; other workers steal
 * half of it. After Tokio's {@code scheduler/multi_thread/queue.rs}.
 *
 * <p>Layout: a ring of {@code capacity} slots (a power of two), a {@code tail} written only by
 * the owner, and a {@code head} word packing two 32-bit positions: {@code steal} (high) and
 * {@code real} (low). {@code real} is the next slot to pop; {@code steal} trails it while a
 * stealer copies {@code [steal, real)} out, so the owner never overwrites slots being copied
 * ({@code tail - steal} bounds the space in use). Positions wrap as 32-bit ints.
 *
 * <p>Thread roles: the owner calls {@link #push}, {@link #pop}; any worker calls
 * {@link #stealInto} on a victim, passing its own queue (of which it is the owner).
 * Progress: push and pop are lock-free (they retry only when a stealer moved {@code head});
 * steal is lock-free and gives up when another steal is in progress.
 *
 * <p>Slot contents are plain array accesses: a slot written by the owner is published by the
 * release store of {@code tail}, and read by a stealer after its acquire load of {@code tail};
 * slots copied into the stealer's own queue are published by the stealer's release of its tail.
 */
public final class LocalQueue {

    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(LocalQueue.class, "head", long.class);
            TAIL = l.findVarHandle(LocalQueue.class, "tail", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Task<?>[] buffer;
    private final int mask;
    private final int capacity;
    /** (steal << 32) | real. CAS by the owner (pop, overflow) and stealers. */
    @SuppressWarnings("unused")
    private volatile long head;
    /** Written only by the owner (release); read by stealers (acquire). */
    @SuppressWarnings("unused")
    private volatile int tail;

    public LocalQueue(int capacity) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("local queue capacity must be a power of two >= 2, was " + capacity);
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.buffer = new Task<?>[capacity];
    }

    static long pack(int steal, int real) {
        return ((long) steal << 32) | (real & 0xFFFF_FFFFL);
    }

    static int steal(long head) {
        return (int) (head >>> 32);
    }

    static int real(long head) {
        return (int) head;
    }

    // ordering: acquire; sees the slots released by a stealer's head CAS (it no longer reads them).
    private long laHead() {
        return (long) HEAD.getAcquire(this);
    }

    private boolean casHead(long expect, long update) {
        return HEAD.compareAndSet(this, expect, update);
    }

    // ordering: plain; only the owner writes tail, so the owner may read its own writes plainly.
    private int lpTail() {
        return (int) TAIL.get(this);
    }

    // ordering: acquire; pairs with soTail() so the slots below tail are visible to a stealer.
    private int laTail() {
        return (int) TAIL.getAcquire(this);
    }

    // ordering: release; publishes buffer[tail - 1] (and the slots before it) to stealers.
    private void soTail(int value) {
        TAIL.setRelease(this, value);
    }

    public int capacity() {
        return capacity;
    }

    /**
     * Owner: appends {@code task}; when full, moves the older half plus {@code task} to
     * {@code overflow} in one batch (or just {@code task} while a steal is in progress).
     *
     * @return the number of tasks moved to {@code overflow} (0 when the push stayed local)
     */
    public int push(Task<?> task, Overflow overflow) {
        while (true) {
            long h = laHead();
            int steal = steal(h);
            int real = real(h);
            int t = lpTail();
            if (t - steal < capacity) {
                buffer[t & mask] = task;
                soTail(t + 1);
                return 0;
            }
            if (steal != real) {
                // A stealer is copying out and will free space soon; don't wait for it.
                overflow.pushOne(task);
                return 1;
            }
            int moved = pushOverflow(task, real, t, overflow);
            if (moved > 0) {
                return moved;
            }
            // A stealer took tasks meanwhile: there is room now.
        }
    }

    private int pushOverflow(Task<?> task, int head, int tail, Overflow overflow) {
        int half = capacity / 2;
        assert tail - head == capacity : "overflow of a queue that is not full; head=" + head + " tail=" + tail;
        // Claim the older half by moving both positions past it.
        if (!casHead(pack(head, head), pack(head + half, head + half))) {
            return 0;
        }
        Task<?>[] batch = new Task<?>[half + 1];
        for (int i = 0; i < half; i++) {
            int idx = (head + i) & mask;
            batch[i] = buffer[idx];
            buffer[idx] = null;
        }
        batch[half] = task;
        overflow.pushBatch(batch);
        return half + 1;
    }

    /** Owner: takes the oldest task, or null when empty. */
    public Task<?> pop() {
        long h = laHead();
        while (true) {
            int steal = steal(h);
            int real = real(h);
            int t = lpTail();
            if (real == t) {
                return null;
            }
            int nextReal = real + 1;
            long next = steal == real ? pack(nextReal, nextReal) : pack(steal, nextReal);
            // ordering: volatile CAS claims slot real; pairs with the stealers' CASes on head, so a
            // slot is taken by the owner or by one stealer, never both.
            long witness = (long) HEAD.compareAndExchange(this, h, next);
            if (witness == h) {
                int idx = real & mask;
                Task<?> task = buffer[idx];
                buffer[idx] = null;
                return task;
            }
            h = witness;
        }
    }

    /**
     * Steals half of this queue's tasks into {@code dst} (the caller's own queue) and returns one
     * of them to run now, or null when there was nothing to take, {@code dst} lacks room, or
     * another steal is in progress.
     */
    public Task<?> stealInto(LocalQueue dst, Counter stolen) {
        int dstTail = dst.lpTail();
        int dstSteal = steal(dst.laHead());
        if (dstTail - dstSteal > dst.capacity / 2) {
            return null;
        }
        int n = stealInto2(dst, dstTail);
        if (n == 0) {
            return null;
        }
        stolen.add(n);
        n -= 1;
        int retIdx = (dstTail + n) & dst.mask;
        Task<?> ret = dst.buffer[retIdx];
        dst.buffer[retIdx] = null;
        if (n > 0) {
            dst.soTail(dstTail + n);
        }
        return ret;
    }

    private int stealInto2(LocalQueue dst, int dstTail) {
        long prev = laHead();
        long next;
        int n;
        while (true) {
            int steal = steal(prev);
            int real = real(prev);
            if (steal != real) {
                return 0;
            }
            int srcTail = laTail();
            n = srcTail - real;
            n -= n / 2;
            if (n == 0) {
                return 0;
            }
            next = pack(steal, real + n);
            // ordering: volatile CAS claims [real, real + n) for this stealer; pairs with the owner's
            // CASes in pop() and pushOverflow() and with other stealers'.
            long witness = (long) HEAD.compareAndExchange(this, prev, next);
            if (witness == prev) {
                break;
            }
            prev = witness;
        }
        int first = real(prev);
        for (int i = 0; i < n; i++) {
            int srcIdx = (first + i) & mask;
            int dstIdx = (dstTail + i) & dst.mask;
            dst.buffer[dstIdx] = buffer[srcIdx];
            buffer[srcIdx] = null;
        }
        // Release the copied slots: steal catches up with real (which the owner may have moved).
        long cur = next;
        while (true) {
            int real = real(cur);
            assert steal(cur) == first : "steal position moved under a stealer; head=" + Long.toHexString(cur);
            // ordering: volatile CAS releases the copied slots (our reads of them happen before it);
            // pairs with laHead() in push(), which may then reuse them.
            long witness = (long) HEAD.compareAndExchange(this, cur, pack(real, real));
            if (witness == cur) {
                return n;
            }
            cur = witness;
        }
    }

    /** Approximate number of queued tasks; exact when called by the owner with no steal running. */
    public int len() {
        long h = laHead();
        return laTail() - real(h);
    }

    public boolean isEmpty() {
        return len() <= 0;
    }

    /** Where a full queue sends its overflow: the global injection queue. */
    public interface Overflow {
        void pushOne(Task<?> task);

        void pushBatch(Task<?>[] tasks);
    }

    /** Receives the number of tasks a steal took (a worker metric). */
    @FunctionalInterface
    public interface Counter {
        void add(int n);
    }
}
