package dev.weft.websocket.server;

import dev.weft.io.IoBackend;
import dev.weft.io.IoConfig;
import dev.weft.io.IoDrivers;
import dev.weft.io.TcpListener;
import dev.weft.io.buffer.BufferPool;
import dev.weft.runtime.Future;
import dev.weft.runtime.Runtime;
import dev.weft.websocket.session.WebSocketHandler;
import dev.weft.websocket.session.WebSocketOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;

/** A two-worker runtime on one backend running a Weft WebSocket server on a loopback port. */
public final class EchoFixture implements AutoCloseable {

    public final Runtime rt;
    public final BufferPool pool;
    public final TcpListener listener;
    public final int port;

    public EchoFixture(IoBackend backend, BufferPool pool) {
        this(backend, pool, WebSocketOptions.defaults(), EchoServerMain.ECHO);
    }

    public EchoFixture(IoBackend backend, BufferPool pool, WebSocketOptions options, WebSocketHandler handler) {
        this(backend, pool, WebSocketServer.builder(pool).options(options).handler(handler).build());
    }

    public EchoFixture(IoBackend backend, BufferPool pool, WebSocketServer server) {
        this.pool = pool;
        this.rt = Runtime.builder().workers(2).threadName("ws-" + backend.label())
                .drivers(IoDrivers.factory(backend, IoConfig.defaults(pool)))
                .shutdownTimeout(Duration.ofSeconds(5)).build();
        this.listener = run(server.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        this.port = listener.localAddress().getPort();
    }

    public <T> T run(Future<T> f) {
        return rt.blockOn(rt.spawn(f));
    }

    public URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + port + path);
    }

    @Override
    public void close() {
        listener.close();
        // Connections whose peers have gone finish on their own; give them (and the driver's
        // deferred socket release) a moment before shutdown aborts what is left.
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (pool.stats().outstandingBuffers() > 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        rt.close();
    }
}
