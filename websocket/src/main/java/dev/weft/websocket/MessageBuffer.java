package dev.weft.websocket;

import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import java.lang.foreign.MemorySegment;

/**
 * A growable pooled buffer that collects one message's bytes (fragments, or inflated output).
 * Grows by doubling, copying into a new pooled buffer and releasing the old one. Asks the pool
 * for whole chunks (no slice object per buffer).
 * {@link #take()} hands the buffer to the caller, who releases it; {@link #discard()} releases
 * what was collected. Owned by the connection's decoding thread.
 */
public final class MessageBuffer {

    private static final long MIN_CAPACITY = 256;

    private final BufferPool pool;
    /** Owner thread only. Null until the first byte, and after take() or discard(). */
    private Buffer buffer;

    public MessageBuffer(BufferPool pool) {
        this.pool = pool;
    }

    /** Bytes collected so far. */
    public long size() {
        return buffer == null ? 0 : buffer.writeIndex();
    }

    /** Makes room for at least {@code bytes} more and returns the buffer, to write at its write index. */
    public Buffer ensureWritable(long bytes) {
        Buffer b = buffer;
        if (b == null) {
            buffer = pool.allocate(BufferPool.chunkBytesFor(Math.max(MIN_CAPACITY, bytes)));
            return buffer;
        }
        if (b.writableBytes() >= bytes) {
            return b;
        }
        long capacity = Math.max(b.capacity() * 2, b.writeIndex() + bytes);
        Buffer grown = pool.allocate(BufferPool.chunkBytesFor(capacity));
        MemorySegment.copy(b.segment(), 0, grown.segment(), 0, b.writeIndex());
        grown.setIndexes(0, b.writeIndex());
        b.release();
        buffer = grown;
        return grown;
    }

    /** Appends {@code [offset, offset + length)} of {@code source}. */
    public void append(MemorySegment source, long offset, long length) {
        Buffer b = ensureWritable(length);
        MemorySegment.copy(source, offset, b.segment(), b.writeIndex(), length);
        b.advanceWriteIndex(length);
    }

    /** The collected bytes, owned by the caller from now on (an empty buffer if none). */
    public Buffer take() {
        Buffer b = buffer == null ? pool.allocate(0) : buffer;
        buffer = null;
        return b;
    }

    /** Releases whatever was collected. Safe to call more than once. */
    public void discard() {
        Buffer b = buffer;
        buffer = null;
        if (b != null) {
            b.release();
        }
    }
}
