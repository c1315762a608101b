package dev.weft.websocket.interop;

import dev.weft.io.IoBackend;
import dev.weft.io.IoConfig;
import dev.weft.io.IoDrivers;
import dev.weft.io.buffer.BufferPool;
import dev.weft.runtime.Future;
import dev.weft.runtime.Runtime;
import java.time.Duration;

/** A two-worker runtime with I/O drivers of one backend, for client-side tests. */
final class IoRuntime implements AutoCloseable {
    final Runtime rt;
    final BufferPool pool;

    IoRuntime(IoBackend backend, BufferPool pool) {
        this.pool = pool;
        this.rt = Runtime.builder().workers(2).threadName("wsc-" + backend.label())
                .drivers(IoDrivers.factory(backend, IoConfig.defaults(pool)))
                .shutdownTimeout(Duration.ofSeconds(5)).build();
    }

    <T> T run(Future<T> f) {
        return rt.blockOn(rt.spawn(f));
    }

    @Override
    public void close() {
        // Connections whose peers have gone finish on their own; give them (and the driver's
        // deferred socket release) a moment before shutdown aborts what is left.
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (pool.stats().outstandingBuffers() > 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        rt.close();
    }
}
