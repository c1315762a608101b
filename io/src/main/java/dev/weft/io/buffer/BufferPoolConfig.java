package dev.weft.io.buffer;

/**
 * Configuration of a {@link BufferPool}, validated on construction.
 *
 * @param slabBytes bytes per slab, a power of two of at least 64 KiB (the largest class);
 *     each slab serves one size class
 * @param threadCacheCapacity free chunks each thread may cache per size class, at least 1
 * @param leakDetection whether to record allocation sites and track unreachable buffers
 */
public record BufferPoolConfig(long slabBytes, int threadCacheCapacity, boolean leakDetection) {

    /** System property that turns leak detection on for {@link #defaults()}. */
    public static final String LEAK_DETECTION_PROPERTY = "weft.buffer.leakDetection";
    public static final long DEFAULT_SLAB_BYTES = 256 * 1024;
    public static final int DEFAULT_THREAD_CACHE_CAPACITY = 16;

    public BufferPoolConfig {
        if (slabBytes < SizeClasses.MAX_CLASS_BYTES || Long.bitCount(slabBytes) != 1) {
            throw new IllegalArgumentException("slabBytes must be a power of two >= "
                    + SizeClasses.MAX_CLASS_BYTES + ", was " + slabBytes);
        }
        if (threadCacheCapacity < 1) {
            throw new IllegalArgumentException("threadCacheCapacity must be >= 1, was " + threadCacheCapacity);
        }
    }

    /** 256 KiB slabs, 16 cached chunks per class per thread, leak detection per the system property. */
    public static BufferPoolConfig defaults() {
        return new BufferPoolConfig(DEFAULT_SLAB_BYTES, DEFAULT_THREAD_CACHE_CAPACITY,
                Boolean.getBoolean(LEAK_DETECTION_PROPERTY));
    }

    public BufferPoolConfig withSlabBytes(long bytes) {
        return new BufferPoolConfig(bytes, threadCacheCapacity, leakDetection);
    }

    public BufferPoolConfig withThreadCacheCapacity(int capacity) {
        return new BufferPoolConfig(slabBytes, capacity, leakDetection);
    }

    public BufferPoolConfig withLeakDetection(boolean enabled) {
        return new BufferPoolConfig(slabBytes, threadCacheCapacity, enabled);
    }
}
