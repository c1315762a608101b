package dev.weft.gateway;

import dev.weft.io.buffer.BufferPool;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits for a fixture's pool to get its buffers back: the driver releases a socket's buffers
 * shortly after its task ends, and a close handshake ends before its socket does.
 */
public final class PoolDrain {

    private PoolDrain() {
    }

    /** Returns once no buffer is out, or after {@code max}; the leak check then judges. */
    public static void await(BufferPool pool, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (pool.stats().outstandingBuffers() > 0 && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(1_000_000);
        }
    }
}
