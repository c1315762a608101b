package dev.weft.io;

import dev.weft.io.buffer.BufferPool;
import dev.weft.io.transport.ListenerTransport;
import dev.weft.io.transport.StreamTransport;
import dev.weft.runtime.Context;
import dev.weft.runtime.driver.Driver;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A {@link Driver} that also does socket I/O: what {@link TcpListener} and {@link TcpStream}
 * reach through {@link Context#driver()}. One per worker.
 *
 * <p>Thread roles: {@link #listen} and {@link #connect} run on the owner (they
 * are called while a future is polled on the owner's worker); {@link #execute} and the getters
 * on any thread.
 */
public interface IoDriver extends Driver {

    IoBackend backend();

    /** Where sockets of this driver take their receive buffers. */
    BufferPool bufferPool();

    /** Binds and listens on {@code address}. Owner thread. */
    ListenerTransport listen(InetSocketAddress address, TcpOptions options) throws IOException;

    /** Starts a non-blocking connect to {@code address}. Owner thread. */
    StreamTransport connect(InetSocketAddress address, TcpOptions options) throws IOException;

    /** Runs {@code action} on the owner thread at its next park (any thread may call). */
    void execute(Runnable action);

    /** Whether the calling thread owns this driver. */
    boolean isOwnerThread();

    /**
     * The I/O driver of the worker polling with {@code cx}.
     *
     * @throws IllegalStateException off the runtime's workers, or on a runtime built without an
     *     I/O driver
     */
    static IoDriver current(Context cx) {
        if (cx.driver() instanceof IoDriver io) {
            return io;
        }
        if (cx.driver() == null) {
            throw new IllegalStateException("socket futures must be polled by a task on a Weft "
                    + "worker: spawn them (runtime.spawn) instead of polling them by hand or in blockOn");
        }
        throw new IllegalStateException("this runtime's workers have no I/O driver ("
                + cx.driver().getClass().getSimpleName() + "): build it with IoDrivers.factory(...)");
    }
}
