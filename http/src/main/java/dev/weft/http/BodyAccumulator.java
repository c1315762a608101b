package dev.weft.http;

import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import java.lang.foreign.MemorySegment;

/**
 * Gathers one request body into a pooled buffer, sized from Content-Length when known and
 * doubled for chunked bodies; the decoder has already bounded the total by maxBodyBytes.
 *
 * <p>Thread roles: the connection's thread only.
 */
final class BodyAccumulator implements AutoCloseable {

    private static final int INITIAL_CHUNKED_BYTES = 1024;

    private final BufferPool pool;
    /** Connection thread only. Null until the first byte, and after close. */
    private Buffer buffer;

    BodyAccumulator(BufferPool pool) {
        this.pool = pool;
    }

    void begin(HttpRequest request) {
        close();
        if (request.contentLength() > 0) {
            buffer = pool.allocate(request.contentLength());
        }
    }

    void append(Buffer part) {
        long n = part.readableBytes();
        if (buffer == null) {
            buffer = pool.allocate(Math.max(INITIAL_CHUNKED_BYTES, n));
        } else if (buffer.writableBytes() < n) {
            Buffer bigger = pool.allocate(Math.max(buffer.writeIndex() + n, 2 * buffer.capacity()));
            MemorySegment.copy(buffer.segment(), 0, bigger.segment(), 0, buffer.writeIndex());
            bigger.setIndexes(0, buffer.writeIndex());
            buffer.release();
            buffer = bigger;
        }
        MemorySegment.copy(part.readableSegment(), 0, buffer.segment(), buffer.writeIndex(), n);
        buffer.advanceWriteIndex(n);
    }

    /** The body so far; valid until close(). */
    MemorySegment bytes() {
        return buffer == null ? MemorySegment.ofArray(new byte[0]) : buffer.readableSegment();
    }

    @Override
    public void close() {
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
    }
}
