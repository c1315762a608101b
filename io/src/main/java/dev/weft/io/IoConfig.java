package dev.weft.io;

import dev.weft.io.buffer.BufferPool;
import java.util.Objects;

/**
 * How the I/O drivers of a runtime are set up.
 *
 * @param pool where receive buffers come from (and go back to)
 * @param readBufferSize bytes per receive buffer: epoll and NIO read into one when a socket is
 *     readable; io_uring provides {@code bufferRingEntries} of them per worker
 * @param bufferRingEntries io_uring's provided buffers per worker (a power of two): what the
 *     kernel can fill before the worker reaps, shared by all the worker's connections
 * @param zeroCopyThreshold io_uring sends of at least this many bytes use SEND_ZC / SENDMSG_ZC
 *     (below it, copying into the socket buffer is cheaper than the page pinning)
 */
public record IoConfig(BufferPool pool, int readBufferSize, int bufferRingEntries,
                       long zeroCopyThreshold) {

    public static final int DEFAULT_READ_BUFFER_SIZE = 4096;
    public static final int DEFAULT_BUFFER_RING_ENTRIES = 512;
    public static final long DEFAULT_ZERO_COPY_THRESHOLD = 64 * 1024;

    public IoConfig {
        Objects.requireNonNull(pool, "pool");
        if (readBufferSize < 64) {
            throw new IllegalArgumentException("readBufferSize must be >= 64, was " + readBufferSize);
        }
        if (Integer.bitCount(bufferRingEntries) != 1 || bufferRingEntries > 32768) {
            throw new IllegalArgumentException(
                    "bufferRingEntries must be a power of two <= 32768, was " + bufferRingEntries);
        }
        if (zeroCopyThreshold < 1) {
            throw new IllegalArgumentException("zeroCopyThreshold must be >= 1, was " + zeroCopyThreshold);
        }
    }

    public static IoConfig defaults(BufferPool pool) {
        return new IoConfig(pool, DEFAULT_READ_BUFFER_SIZE, DEFAULT_BUFFER_RING_ENTRIES,
                DEFAULT_ZERO_COPY_THRESHOLD);
    }

    public IoConfig withReadBufferSize(int n) {
        return new IoConfig(pool, n, bufferRingEntries, zeroCopyThreshold);
    }

    public IoConfig withBufferRingEntries(int n) {
        return new IoConfig(pool, readBufferSize, n, zeroCopyThreshold);
    }

    public IoConfig withZeroCopyThreshold(long n) {
        return new IoConfig(pool, readBufferSize, bufferRingEntries, n);
    }
}
