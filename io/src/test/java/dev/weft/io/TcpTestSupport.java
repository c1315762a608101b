package dev.weft.io;

import dev.weft.io.buffer.BufferPool;
import dev.weft.runtime.Future;
import dev.weft.runtime.Runtime;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/** A two-worker runtime on one I/O backend, and the loopback helpers the TCP tests share. */
final class TcpTestSupport implements AutoCloseable {
    static final InetSocketAddress ANY_LOOPBACK =
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    final Runtime rt;
    final BufferPool pool;

    TcpTestSupport(IoBackend backend, BufferPool pool) {
        this(backend, IoConfig.defaults(pool));
    }

    TcpTestSupport(IoBackend backend, IoConfig config) {
        this.pool = config.pool();
        this.rt = Runtime.builder().workers(2).threadName("tcp-" + backend.label())
                .drivers(IoDrivers.factory(backend, config))
                .shutdownTimeout(Duration.ofSeconds(5)).build();
    }

    /** Runs {@code f} as a task and waits for it (I/O futures need a worker's driver). */
    <T> T run(Future<T> f) {
        return rt.blockOn(rt.spawn(f));
    }

    TcpListener listen() {
        return run(TcpListener.bind(ANY_LOOPBACK));
    }

    @Override
    public void close() {
        rt.close();
    }
}
