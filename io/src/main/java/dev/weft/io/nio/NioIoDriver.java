package dev.weft.io.nio;

import dev.weft.io.IoBackend;
import dev.weft.io.IoDriver;
import dev.weft.io.TcpOptions;
import dev.weft.io.buffer.BufferPool;
import dev.weft.io.transport.ListenerTransport;
import dev.weft.io.transport.OwnedSocket;
import dev.weft.io.transport.OwnerTasks;
import dev.weft.io.transport.SocketTable;
import dev.weft.io.transport.StreamTransport;
import dev.weft.runtime.driver.DriverFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The portable backend of {@link IoDriver}: a {@link NioDriver} (one {@code Selector}) per
 * worker, sockets as JDK channels. Level-triggered, so a socket's interest set holds only the
 * operations a task is waiting for; the dispatch clears what fired.
 *
 * <p>Thread roles: the owner (one worker) parks, registers and closes; interest changes from
 * other workers are queued by the JDK and the owner is unparked to apply them.
 */
public final class NioIoDriver implements IoDriver {
    private final NioDriver selector = new NioDriver();
    private final BufferPool pool;
    private final int readBufferSize;
    private final OwnerTasks ownerTasks = new OwnerTasks();
    /** Owner only. */
    private final SocketTable sockets = new SocketTable();
    /** Set once by the owner on its first park or registration; read by any thread. */
    private volatile Thread owner;

    NioIoDriver(BufferPool pool, int readBufferSize) {
        this.pool = pool;
        this.readBufferSize = readBufferSize;
    }

    /** One selector per worker, sockets reading into {@code readBufferSize} buffers. */
    public static DriverFactory factory(BufferPool pool, int readBufferSize) {
        return workerIndex -> new NioIoDriver(pool, readBufferSize);
    }

    @Override
    public IoBackend backend() {
        return IoBackend.NIO;
    }

    @Override
    public BufferPool bufferPool() {
        return pool;
    }

    int readBufferSize() {
        return readBufferSize;
    }

    @Override
    public ListenerTransport listen(InetSocketAddress address, TcpOptions options) throws IOException {
        bindOwner();
        ServerSocketChannel ch = ServerSocketChannel.open();
        try {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (options.reusePort()) {
                ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            ch.bind(address, options.backlog());
            return NioListener.register(this, ch, options);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public StreamTransport connect(InetSocketAddress address, TcpOptions options) throws IOException {
        bindOwner();
        SocketChannel ch = SocketChannel.open();
        try {
            ch.configureBlocking(false);
            NioStream.applyOptions(ch, options);
            if (options.localAddress() != null) {
                // The JDK has no IP_BIND_ADDRESS_NO_PORT: the port is reserved at bind, which
                // limits one source address to one ephemeral range over all destinations.
                ch.bind(new InetSocketAddress(options.localAddress(), 0));
            }
            boolean done = ch.connect(address);
            return NioStream.register(this, ch, !done);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Registers {@code ch} with no interest yet (sockets start assumed ready). Owner. */
    SelectionKey register(SelectableChannel ch, NioHandler handler, OwnedSocket socket)
            throws IOException {
        bindOwner();
        SelectionKey key = selector.register(ch, 0, handler);
        sockets.add(socket);
        return key;
    }

    /** Forgets a closed socket. Any thread (handed to the owner). */
    void forget(OwnedSocket socket) {
        if (isOwnerThread()) {
            sockets.remove(socket);
        } else {
            execute(() -> sockets.remove(socket));
        }
    }

    /**
     * Adds {@code ops} to {@code key}'s interest; from another thread the owner is unparked so
     * its next select uses the new set (the JDK queues the change until then).
     */
    void arm(SelectionKey key, int ops) {
        try {
            key.interestOpsOr(ops);
        } catch (java.nio.channels.CancelledKeyException e) {
            return; // closed meanwhile; the task sees it on its next poll
        }
        if (!isOwnerThread()) {
            selector.unpark();
        }
    }

    @Override
    public void execute(Runnable action) {
        ownerTasks.add(action);
        selector.unpark();
    }

    @Override
    public boolean isOwnerThread() {
        return owner == Thread.currentThread();
    }

    private void bindOwner() {
        if (owner == null) {
            owner = Thread.currentThread();
        } else if (owner != Thread.currentThread()) {
            throw new IllegalStateException("NIO driver used off its owner thread");
        }
    }

    @Override
    public void park(long timeoutNanos) {
        bindOwner();
        ownerTasks.runAll();
        selector.park(ownerTasks.isEmpty() ? timeoutNanos : 0);
        ownerTasks.runAll();
    }

    @Override
    public void unpark() {
        selector.unpark();
    }

    @Override
    public void close() {
        ownerTasks.runAll();
        sockets.closeAll();
        ownerTasks.runAll();
        selector.close();
    }
}
