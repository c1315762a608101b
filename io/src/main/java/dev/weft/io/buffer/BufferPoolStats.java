package dev.weft.io.buffer;

/**
 * A snapshot of a {@link BufferPool}. Exact when no thread is allocating or releasing; while
 * they are, each field is a recent value but the fields may disagree with each other.
 *
 * <p>Invariant at rest: {@code slabs * slabBytes == pooledBytesInUse + bytesCached}, because a
 * carved chunk is always either held by a live allocation or free in a cache or shared list.
 *
 * @param outstandingBuffers allocations not yet released (unpooled ones included)
 * @param pooledBytesInUse class-size bytes of outstanding pooled allocations
 * @param unpooledBytesInUse bytes of outstanding allocations larger than the largest class
 * @param bytesCached free chunk bytes, in thread caches and shared lists together
 * @param slabs slabs allocated so far (they are freed only by close)
 * @param slabBytes bytes per slab
 * @param sharedPoolOperations lock acquisitions on the shared free lists so far
 */
public record BufferPoolStats(long outstandingBuffers, long pooledBytesInUse, long unpooledBytesInUse,
        long bytesCached, int slabs, long slabBytes, long sharedPoolOperations) {

    /** Pooled plus unpooled bytes held by outstanding allocations. */
    public long bytesInUse() {
        return pooledBytesInUse + unpooledBytesInUse;
    }
}
