package dev.weft.io.buffer;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Finds buffers that are never released. For every allocation it records the size and the
 * allocation site (a Throwable captured in {@code allocate}); a release forgets the record.
 * {@link #assertNoLeaks()} fails with every record still outstanding.
 *
 * <p>It also registers each allocation with a {@link Cleaner}: if the allocation (and so every
 * Buffer view of it) becomes unreachable while its count is still positive, the record moves to
 * the "unreachable" list, so a leak is reported even when nobody asks about outstanding buffers.
 * The chunk of such an allocation is not reclaimed: a {@code segment()} taken from it may still
 * be registered with the kernel, so reuse could corrupt another buffer. It stays counted as
 * outstanding and is freed with its slab on {@code close()}.
 *
 * <p>Cost: when the pool's detection is off there is no LeakDetector, and allocate/release pay
 * one null check. When on, each allocation pays a stack capture, a concurrent-set insert and a
 * Cleaner registration; meant for tests and for diagnosing a leak, not for production.
 *
 * <p>Thread roles: any thread allocates and releases (concurrent set, lock-free queue); the
 * Cleaner's thread reports unreachable allocations; a test thread asserts.
 */
public final class LeakDetector {

    /** One Cleaner thread for every detector, started on first use (so never when detection is off). */
    private static final class CleanerHolder {
        static final Cleaner CLEANER = Cleaner.create();
    }

    /** Allocations not yet released, and not found unreachable. Any thread adds and removes. */
    private final Set<Tracked> outstanding = ConcurrentHashMap.newKeySet();
    /** Allocations that became unreachable unreleased. Added by the Cleaner thread, read by asserts. */
    private final ConcurrentLinkedQueue<Tracked> unreachable = new ConcurrentLinkedQueue<>();
    /** Allocation ids, for messages. */
    private final AtomicLong nextId = new AtomicLong();

    LeakDetector() {}

    /** The record of one allocation; also the Cleaner action, so it must not reference the Allocation. */
    static final class Tracked implements Runnable {
        final long id;
        final long requestedBytes;
        final long chunkBytes;
        final Throwable site;
        final LeakDetector detector;
        /** Set once by the releasing thread before clean(); read by the Cleaner action. */
        volatile boolean released;
        /** Written once by the allocating thread before the buffer is published; read on release. */
        Cleaner.Cleanable cleanable;

        Tracked(long id, long requestedBytes, long chunkBytes, Throwable site, LeakDetector detector) {
            this.id = id;
            this.requestedBytes = requestedBytes;
            this.chunkBytes = chunkBytes;
            this.site = site;
            this.detector = detector;
        }

        /** Cleaner action: runs once, on release (then a no-op) or when the allocation became unreachable. */
        @Override
        public void run() {
            // ordering: volatile read; pairs with the volatile write in LeakDetector.untrack, which
            // precedes clean(). A GC-triggered run cannot race a release: an unreachable
            // allocation can no longer be released.
            // ordering: ConcurrentHashMap remove and ConcurrentLinkedQueue add are volatile
            // (happens-before the report()'s iteration that sees them).
            if (!released && detector.outstanding.remove(this)) {
                detector.unreachable.add(this);
            }
        }

        String describe(String what) {
            StringBuilder sb = new StringBuilder();
            sb.append("  buffer #").append(id).append(": ").append(requestedBytes).append(" bytes requested, ")
                    .append(chunkBytes).append(" bytes held, ").append(what).append(", allocated at:\n");
            for (StackTraceElement frame : site.getStackTrace()) {
                sb.append("\tat ").append(frame).append('\n');
            }
            return sb.toString();
        }
    }

    /** Records a new allocation's site; called by the pool before the allocation exists. */
    Tracked newRecord(long requestedBytes, long chunkBytes) {
        Throwable site = new Throwable("buffer allocated here");
        // Drop the pool's own frames: the first frame shown is the caller of allocate().
        StackTraceElement[] frames = site.getStackTrace();
        int first = 0;
        while (first < frames.length && isPoolInternal(frames[first].getClassName())) {
            first++;
        }
        site.setStackTrace(java.util.Arrays.copyOfRange(frames, first, frames.length));
        // ordering: getAndIncrement (volatile); only uniqueness matters.
        Tracked t = new Tracked(nextId.getAndIncrement(), requestedBytes, chunkBytes, site, this);
        // ordering: ConcurrentHashMap add (volatile); seen by report() and by the releasing thread.
        outstanding.add(t);
        return t;
    }

    private static boolean isPoolInternal(String className) {
        return className.equals(LeakDetector.class.getName()) || className.equals(BufferPool.class.getName());
    }

    /** Watches {@code allocation} for unreachability; after its constructor, before publication. */
    void watch(Allocation allocation) {
        Tracked t = allocation.leak;
        t.cleanable = CleanerHolder.CLEANER.register(allocation, t);
    }

    /** Forgets a released allocation. */
    void untrack(Tracked t) {
        // ordering: volatile write; pairs with the volatile read in Tracked.run().
        t.released = true;
        // ordering: ConcurrentHashMap remove (volatile); report() then no longer lists it.
        outstanding.remove(t);
        // Deregisters from the Cleaner (runs the action now, a no-op since released is set).
        t.cleanable.clean();
    }

    /** Allocations found unreachable without release so far. */
    public int unreachableCount() {
        return unreachable.size();
    }

    /** Allocations outstanding (not released and not found unreachable). */
    public int outstandingCount() {
        return outstanding.size();
    }

    /**
     * Throws an AssertionError listing every outstanding allocation and every allocation that
     * became unreachable without release, each with its size and allocation stack.
     */
    public void assertNoLeaks() {
        // report() reads both collections; weakly consistent iteration, exact at rest.
        String report = report();
        if (!report.isEmpty()) {
            throw new AssertionError(report);
        }
    }

    /** The leak report assertNoLeaks() would throw, or "" when there is no leak. */
    public String report() {
        List<Tracked> live = new ArrayList<>(outstanding);
        List<Tracked> lost = new ArrayList<>(unreachable);
        if (live.isEmpty() && lost.isEmpty()) {
            return "";
        }
        live.sort((a, b) -> Long.compare(a.id, b.id));
        StringBuilder sb = new StringBuilder();
        sb.append("buffer leak: ").append(live.size()).append(" not released, ")
                .append(lost.size()).append(" unreachable without release\n");
        for (Tracked t : live) {
            sb.append(t.describe("not released"));
        }
        for (Tracked t : lost) {
            sb.append(t.describe("became unreachable without release"));
        }
        return sb.toString();
    }
}
