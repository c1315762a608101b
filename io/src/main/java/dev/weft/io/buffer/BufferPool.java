package dev.weft.io.buffer;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Off-heap buffer pool: power-of-two size classes from 64 B to 64 KiB carved from slabs, a
 * per-thread cache first and a shared free list per class on a miss or overflow. Requests above
 * 64 KiB get their own shared {@link Arena}, closed on release.
 *
 * <p>Algorithm (jemalloc's tcache over size-class bins, as in Netty's PooledByteBufAllocator,
 * without subpages or run splitting: a slab serves one class for life):
 * <ol>
 *   <li>allocate: pop the calling thread's cache for the class; on a miss, take a batch of
 *       {@code capacity / 2} from the shared list (one lock), carving a new slab if it is empty.
 *   <li>release to zero on the allocating thread: push onto that thread's cache; if full, move
 *       the older half to the shared list first (one lock).
 *   <li>release to zero on any other thread: push onto the shared list (one lock). The chunk
 *       never enters a cache the releasing thread does not own.
 * </ol>
 * Correct because a chunk is in exactly one place at any time: one live Allocation (whose count
 * reaches zero once, see {@link Allocation}), one thread cache (touched only by its owner), or
 * one shared list (under its lock).
 *
 * <p>Progress: the cache path is wait-free and uses no atomics except the statistics adders;
 * the shared path is blocking (a per-class lock, held for an array copy, or a slab carve).
 *
 * <p>Thread roles: any thread allocates and releases. {@link #close()} must run after every
 * other thread has stopped using the pool; it frees all slabs, so a chunk still in use then
 * faults with IllegalStateException on its next access rather than touching freed memory.
 * {@link #flushThreadCache()} should be called by a worker that is about to exit, or its cached
 * chunks stay idle until close.
 */
public final class BufferPool implements AutoCloseable {

    private final BufferPoolConfig config;
    private final SharedFreeList[] shared;
    /** Per-thread caches; each is touched only by its owning thread. */
    private final ThreadLocal<ThreadCache> caches;
    /** Null when leak detection is off. */
    private final LeakDetector leakDetector;

    /** Guarded by itself. Every slab carved so far; freed by close(). */
    private final List<Slab> slabs = new ArrayList<>();
    /** Any thread adds; read by stats(). Statistics only, no ordering needed (LongAdder sums). */
    private final LongAdder outstanding = new LongAdder();
    /** Any thread adds; read by stats(). Statistics only. */
    private final LongAdder pooledBytesInUse = new LongAdder();
    /** Any thread adds; read by stats(). Statistics only. */
    private final LongAdder unpooledBytesInUse = new LongAdder();
    /** Any thread adds; read by stats(). Statistics only. */
    private final LongAdder bytesCached = new LongAdder();
    /** Written once by close(); read by allocate and release. */
    private volatile boolean closed;

    public BufferPool(BufferPoolConfig config) {
        this.config = config;
        this.shared = new SharedFreeList[SizeClasses.COUNT];
        for (int c = 0; c < SizeClasses.COUNT; c++) {
            shared[c] = new SharedFreeList(c, this::carveSlab);
        }
        int capacity = config.threadCacheCapacity();
        this.caches = ThreadLocal.withInitial(() -> new ThreadCache(Thread.currentThread(), capacity));
        this.leakDetector = config.leakDetection() ? new LeakDetector() : null;
    }

    /** A pool with {@link BufferPoolConfig#defaults()}. */
    public BufferPool() {
        this(BufferPoolConfig.defaults());
    }

    /**
     * A buffer of exactly {@code bytes} capacity (backed by a chunk of the next power of two,
     * at least 64 B), reference count 1, indexes at 0. Its contents are unspecified (a reused
     * chunk keeps its old bytes).
     */
    public Buffer allocate(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0, was " + bytes);
        }
        // ordering: volatile read; pairs with the volatile write in close(). Best effort: close()
        // is documented to run only after every user has stopped.
        if (closed) {
            throw new IllegalStateException("allocate(" + bytes + ") on a closed BufferPool");
        }
        int c = SizeClasses.indexFor(bytes);
        if (c == SizeClasses.UNPOOLED) {
            return allocateUnpooled(bytes);
        }
        ThreadCache cache = caches.get();
        MemorySegment chunk = cache.pop(c);
        if (chunk == null) {
            chunk = cache.refillFrom(c, shared[c]);
        }
        int chunkBytes = SizeClasses.bytesOf(c);
        // ordering: LongAdder adds; statistics only, read approximately by stats().
        bytesCached.add(-chunkBytes);
        pooledBytesInUse.add(chunkBytes);
        outstanding.increment();
        return newBuffer(chunk, c, cache, null, bytes);
    }

    /**
     * The capacity that backs a request of {@code bytes}: its size class (a power of two, at
     * least 64 B) when pooled, {@code bytes} itself above 64 KiB. A request of exactly this much
     * uses the whole chunk, with no slice object per allocation.
     */
    public static long chunkBytesFor(long bytes) {
        int c = SizeClasses.indexFor(bytes);
        return c == SizeClasses.UNPOOLED ? bytes : SizeClasses.bytesOf(c);
    }

    private Buffer allocateUnpooled(long bytes) {
        Arena arena = Arena.ofShared();
        MemorySegment memory = arena.allocate(bytes, SizeClasses.MIN_CLASS_BYTES);
        // ordering: LongAdder adds; statistics only.
        unpooledBytesInUse.add(bytes);
        outstanding.increment();
        return newBuffer(memory, SizeClasses.UNPOOLED, null, arena, bytes);
    }

    private Buffer newBuffer(MemorySegment chunk, int c, ThreadCache cache, Arena arena, long bytes) {
        // A request of exactly a class size (the usual case for I/O buffers) uses the chunk
        // segment itself: no slice object per allocation.
        MemorySegment memory = bytes == chunk.byteSize() ? chunk : chunk.asSlice(0, bytes);
        LeakDetector detector = leakDetector;
        if (detector == null) {
            Buffer spare = cache == null ? null : cache.popSpare();
            if (spare != null) {
                spare.allocation().reinit(chunk, c, cache);
                spare.reuse(memory);
                return spare;
            }
            return new Buffer(new Allocation(this, chunk, c, cache, arena, null), memory);
        }
        Allocation allocation = new Allocation(this, chunk, c, cache, arena, detector.newRecord(bytes, chunk.byteSize()));
        detector.watch(allocation);
        return new Buffer(allocation, memory);
    }

    /**
     * Called once per allocation, by the release (through {@code released}) that took its count
     * to zero.
     */
    void free(Allocation a, Buffer released) {
        LeakDetector.Tracked leak = a.leak;
        if (leak != null) {
            leak.detector.untrack(leak);
        }
        // ordering: LongAdder adds; statistics only.
        outstanding.decrement();
        int c = a.classIndex;
        if (c == SizeClasses.UNPOOLED) {
            unpooledBytesInUse.add(-a.chunk.byteSize());
            a.unpooledArena.close();
            return;
        }
        int chunkBytes = SizeClasses.bytesOf(c);
        pooledBytesInUse.add(-chunkBytes);
        bytesCached.add(chunkBytes);
        ThreadCache owner = a.ownerCache;
        if (owner.owner != Thread.currentThread() || owner.isRetired()) {
            shared[c].push(a.chunk);
            return;
        }
        if (!owner.push(c, a.chunk)) {
            owner.spillTo(c, shared[c]);
            owner.push(c, a.chunk);
        }
        // The only view of this allocation, freed on its owner thread: keep the objects.
        if (leak == null && !a.hasViews) {
            owner.pushSpare(released);
        }
    }

    /** Moves the calling thread's cached chunks to the shared lists; for a worker about to exit. */
    public void flushThreadCache() {
        caches.get().flushTo(shared);
        caches.remove();
    }

    /** Carves one slab for class {@code c}; called by SharedFreeList under its lock. */
    private MemorySegment[] carveSlab(int c) {
        Slab slab = new Slab(config.slabBytes());
        synchronized (slabs) {
            slabs.add(slab);
        }
        // ordering: LongAdder add; statistics only.
        bytesCached.add(slab.byteSize());
        return slab.carve(SizeClasses.bytesOf(c));
    }

    public BufferPoolStats stats() {
        int slabCount;
        // ordering: the monitor; pairs with the one in carveSlab() and close().
        synchronized (slabs) {
            slabCount = slabs.size();
        }
        long sharedOps = 0;
        for (SharedFreeList list : shared) {
            sharedOps += list.operations();
        }
        // ordering: LongAdder sums; a moving snapshot while other threads are active.
        return new BufferPoolStats(outstanding.sum(), pooledBytesInUse.sum(), unpooledBytesInUse.sum(),
                bytesCached.sum(), slabCount, config.slabBytes(), sharedOps);
    }

    public BufferPoolConfig config() {
        return config;
    }

    /** Whether leak detection is on (sites recorded, unreachable buffers reported). */
    public boolean isLeakDetectionEnabled() {
        return leakDetector != null;
    }

    /** The leak detector; throws if detection is off. */
    public LeakDetector leakDetector() {
        if (leakDetector == null) {
            throw new IllegalStateException("leak detection is off; enable it with BufferPoolConfig.withLeakDetection(true)"
                    + " or -D" + BufferPoolConfig.LEAK_DETECTION_PROPERTY + "=true");
        }
        return leakDetector;
    }

    /**
     * Throws AssertionError if any buffer is outstanding: with sizes and allocation sites when
     * leak detection is on, with only the count when it is off.
     */
    public void assertNoLeaks() {
        if (leakDetector != null) {
            leakDetector.assertNoLeaks();
            return;
        }
        long n = outstanding.sum();
        if (n != 0) {
            throw new AssertionError("buffer leak: " + n + " buffers not released (enable -D"
                    + BufferPoolConfig.LEAK_DETECTION_PROPERTY + "=true for allocation sites)");
        }
    }

    public boolean isClosed() {
        // ordering: volatile read; pairs with the volatile write in close().
        return closed;
    }

    /** Frees every slab. Call only once no thread uses the pool; outstanding buffers then fault on access. */
    @Override
    public void close() {
        // ordering: volatile write; pairs with the volatile read in allocate().
        closed = true;
        synchronized (slabs) {
            for (Slab slab : slabs) {
                slab.free();
            }
            slabs.clear();
        }
    }
}
