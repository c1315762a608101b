package dev.weft.io.buffer;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One allocation's shared state: its chunk, its size class, the thread cache it came from, and
 * the reference count that every {@link Buffer} view of it (root, slices, duplicates) shares.
 * With leak detection on (tests), a new Allocation is made per {@code allocate}, so a stale view
 * of an earlier allocation of the same chunk can never decrement this one's count. With it off,
 * an Allocation that never had a second view is recycled with its {@link Buffer} by the thread
 * that freed it ({@link #reinit}), so the steady state allocates no objects; a holder that
 * keeps using a buffer after releasing it then touches whatever the buffer holds next (as with
 * Netty's recycled buffers) — the tests, which run with detection on, are where such bugs are
 * caught.
 *
 * <p>Reference count: starts at 1; {@link #retain()} adds one while it is positive;
 * {@link #release()} subtracts one, and the release that takes it from 1 to 0 tells its caller
 * ({@code Buffer.release}) to free the chunk,
 * exactly once (only one CAS can move it from 1 to 0, and nothing moves it up from 0). Lock-free.
 *
 * <p>Thread roles: any thread holding a reference retains and releases.
 */
final class Allocation {

    private static final VarHandle REF_COUNT;

    static {
        try {
            REF_COUNT = MethodHandles.lookup().findVarHandle(Allocation.class, "refCount", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final BufferPool pool;
    /** The whole chunk (the class size), or the whole unpooled segment. Reset by reinit. */
    MemorySegment chunk;
    /** Size class index, or {@link SizeClasses#UNPOOLED}. Reset by reinit. */
    int classIndex;
    /** The allocating thread's cache; null for an unpooled allocation. Reset by reinit. */
    ThreadCache ownerCache;
    /**
     * Set when a second {@link Buffer} view (slice, duplicate) is made, by the thread making it;
     * read by the freeing thread, which must not recycle a Buffer another view may still name.
     */
    volatile boolean hasViews;
    /** The arena of an unpooled allocation, closed when it is freed; null when pooled. */
    final Arena unpooledArena;
    /** Leak-detection record; null when detection is off (the only cost then: a null check). */
    final LeakDetector.Tracked leak;

    /** CAS by any holder (retain, release); opaque reads for liveness checks. */
    @SuppressWarnings("unused")
    private volatile int refCount;

    Allocation(BufferPool pool, MemorySegment chunk, int classIndex, ThreadCache ownerCache,
            Arena unpooledArena, LeakDetector.Tracked leak) {
        this.pool = pool;
        this.chunk = chunk;
        this.classIndex = classIndex;
        this.ownerCache = ownerCache;
        this.unpooledArena = unpooledArena;
        // ordering: plain; the Allocation is published to other threads only through the
        // Buffer handed to the caller, by whatever hand-off (queue, ring) the caller uses.
        REF_COUNT.set(this, 1);
        this.leak = leak;
    }

    /**
     * Makes a recycled Allocation the state of a new allocation: its chunk, class and cache,
     * count 1, no views. The allocating thread only, before it hands the Buffer out.
     */
    void reinit(MemorySegment newChunk, int newClassIndex, ThreadCache newOwnerCache) {
        this.chunk = newChunk;
        this.classIndex = newClassIndex;
        this.ownerCache = newOwnerCache;
        this.hasViews = false;
        // ordering: plain, as in the constructor; published with the Buffer by the caller's
        // hand-off.
        REF_COUNT.set(this, 1);
    }

    void retain() {
        // ordering: opaque first read; the CAS below is volatile and rechecks the value.
        int count = (int) REF_COUNT.getOpaque(this);
        while (true) {
            if (count <= 0) {
                throw new IllegalStateException("retain() of a released buffer (" + describe() + ")");
            }
            // ordering: volatile CAS (compareAndExchange); a retain needs no ordering of its own
            // beyond atomicity, but the same word's releases rely on total order (see release()).
            int witness = (int) REF_COUNT.compareAndExchange(this, count, count + 1);
            if (witness == count) {
                return;
            }
            count = witness;
        }
    }

    /** Drops one reference; true if this call took the count to zero (the caller then frees, once). */
    boolean release() {
        // ordering: opaque first read; the CAS below is volatile and rechecks the value.
        int count = (int) REF_COUNT.getOpaque(this);
        while (true) {
            if (count <= 0) {
                throw new IllegalStateException(
                        "release() of an already released buffer (double release; " + describe() + ")");
            }
            // ordering: volatile CAS, release + acquire. Release: this holder's writes to the
            // memory happen-before the final decrement. Acquire: the thread whose CAS reaches 0
            // sees every other holder's writes before it returns the chunk for reuse.
            int witness = (int) REF_COUNT.compareAndExchange(this, count, count - 1);
            if (witness == count) {
                return count == 1;
            }
            count = witness;
        }
    }

    int refCount() {
        // ordering: opaque; a snapshot for checks and diagnostics, no data is published by it.
        return (int) REF_COUNT.getOpaque(this);
    }

    /** Throws if released. Best effort against a release racing on another thread. */
    void checkLive() {
        if (refCount() <= 0) {
            throw new IllegalStateException("buffer used after release (" + describe() + ")");
        }
    }

    String describe() {
        return "chunkBytes=" + chunk.byteSize()
                + (classIndex == SizeClasses.UNPOOLED ? ", unpooled" : ", class=" + classIndex)
                + ", refCount=" + refCount();
    }
}
