package dev.weft.io;

import dev.weft.io.transport.ListenerTransport;
import dev.weft.io.transport.StreamTransport;
import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/**
 * A listening TCP socket on the I/O driver of the worker that bound it.
 *
 * <p>Bind from a task (the polling worker's driver does the work):
 * {@code TcpListener listener = runtime.blockOn(runtime.spawn(TcpListener.bind(address)));}
 * then spawn a task that loops on {@link #pollAccept}. Accepted streams are registered with the driver of the worker that accepts them. For one
 * listener per worker (no shared accept queue), bind several with
 * {@link TcpOptions#withReusePort} and let the kernel spread connections.
 *
 * <p>Thread roles: one task accepts at a time; close from any thread.
 */
public final class TcpListener implements AutoCloseable {
    private final ListenerTransport transport;

    private TcpListener(ListenerTransport transport) {
        this.transport = transport;
    }

    /** Binds with {@link TcpOptions#defaults()} when polled on a worker. */
    public static Future<TcpListener> bind(InetSocketAddress address) {
        return bind(address, TcpOptions.defaults());
    }

    /**
     * Binds and listens when first polled, on the polling worker's I/O driver.
     * Fails the task with an {@link UncheckedIOException} (a {@link java.net.BindException} for a
     * port in use).
     */
    public static Future<TcpListener> bind(InetSocketAddress address, TcpOptions options) {
        return cx -> {
            try {
                return Poll.ready(bindNow(cx, address, options));
            } catch (IOException e) {
                throw new UncheckedIOException("bind " + address, e);
            }
        };
    }

    /** Binds at once on the polling worker's driver (for hand-written futures). */
    public static TcpListener bindNow(Context cx, InetSocketAddress address, TcpOptions options)
            throws IOException {
        return new TcpListener(IoDriver.current(cx).listen(address, options));
    }

    /** The next connection; Pending until one arrives. */
    public Poll<TcpStream> pollAccept(Context cx) throws IOException {
        Poll<StreamTransport> p = transport.pollAccept(cx);
        if (p instanceof Poll.Ready<StreamTransport> r) {
            return Poll.ready(new TcpStream(r.value()));
        }
        return Poll.pending();
    }

    /** A future of the next connection (fails with {@link UncheckedIOException}). */
    public Future<TcpStream> accept() {
        return cx -> {
            try {
                return pollAccept(cx);
            } catch (IOException e) {
                throw new UncheckedIOException("accept", e);
            }
        };
    }

    /** The bound address, with the port the kernel chose when bound to port 0. */
    public InetSocketAddress localAddress() {
        return transport.localAddress();
    }

    /** Stops listening; a task waiting in accept fails with "Socket closed". Idempotent. */
    @Override
    public void close() {
        transport.close();
    }

    public boolean isClosed() {
        return transport.isClosed();
    }
}
