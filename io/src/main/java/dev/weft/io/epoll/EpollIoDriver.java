package dev.weft.io.epoll;

import dev.weft.io.IoBackend;
import dev.weft.io.IoDriver;
import dev.weft.io.TcpOptions;
import dev.weft.io.buffer.BufferPool;
import dev.weft.io.linux.LinuxException;
import dev.weft.io.transport.FdSockets;
import dev.weft.io.transport.ListenerTransport;
import dev.weft.io.transport.OwnedSocket;
import dev.weft.io.transport.OwnerTasks;
import dev.weft.io.transport.SocketTable;
import dev.weft.io.transport.StreamTransport;
import dev.weft.runtime.driver.DriverFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/**
 * The epoll backend of {@link IoDriver}: an {@link EpollDriver} per worker plus the sockets
 * registered with it. Sockets do their syscalls on whichever worker polls them; only
 * registration changes (add, delete) happen on the owner, handed over through
 * {@link #execute} when a socket is closed elsewhere.
 *
 * <p>Thread roles: the owner (one worker) parks, registers and closes; the owner is the first
 * thread that parks or registers, and never changes.
 */
public final class EpollIoDriver implements IoDriver {
    private final EpollDriver epoll;
    private final BufferPool pool;
    private final int readBufferSize;
    private final OwnerTasks ownerTasks = new OwnerTasks();
    /** Owner only. */
    private final SocketTable sockets = new SocketTable();
    /** Set once by the owner on its first park or registration; read by any thread. */
    private volatile Thread owner;

    EpollIoDriver(EpollDriver epoll, BufferPool pool, int readBufferSize) {
        this.epoll = epoll;
        this.pool = pool;
        this.readBufferSize = readBufferSize;
    }

    /** One epoll I/O driver per worker, sockets reading into {@code readBufferSize} buffers. */
    public static DriverFactory factory(BufferPool pool, int readBufferSize) {
        return workerIndex -> {
            try {
                return new EpollIoDriver(EpollDriver.open(), pool, readBufferSize);
            } catch (LinuxException e) {
                throw new UncheckedIOException("epoll driver for worker " + workerIndex, e);
            }
        };
    }

    @Override
    public IoBackend backend() {
        return IoBackend.EPOLL;
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
        int fd = FdSockets.listen(address, options);
        return EpollListener.register(this, fd, options);
    }

    @Override
    public StreamTransport connect(InetSocketAddress address, TcpOptions options) throws IOException {
        bindOwner();
        int fd = FdSockets.startConnect(address, options);
        return EpollStream.register(this, fd, true);
    }

    /** Adds {@code fd} edge-triggered for read, write and hang-up. Owner. */
    int register(int fd, EpollHandler handler, OwnedSocket socket) throws LinuxException {
        bindOwner();
        int token = epoll.register(fd, dev.weft.io.linux.EpollEvent.EPOLLIN
                | dev.weft.io.linux.EpollEvent.EPOLLOUT | dev.weft.io.linux.EpollEvent.EPOLLRDHUP
                | dev.weft.io.linux.EpollEvent.EPOLLET, handler);
        sockets.add(socket);
        return token;
    }

    /** Removes a registration before its fd is closed. Owner. */
    void deregister(int token, OwnedSocket socket) {
        sockets.remove(socket);
        try {
            epoll.deregister(token);
        } catch (LinuxException | IllegalStateException ignored) {
            // The fd is closed next, which removes it from the epoll set in any case.
        }
    }

    /** Runs {@code action} on the owner now if this is the owner, else at its next park. */
    void onOwner(Runnable action) {
        if (isOwnerThread()) {
            action.run();
        } else {
            execute(action);
        }
    }

    @Override
    public void execute(Runnable action) {
        ownerTasks.add(action);
        epoll.unpark();
    }

    @Override
    public boolean isOwnerThread() {
        return owner == Thread.currentThread();
    }

    private void bindOwner() {
        if (owner == null) {
            owner = Thread.currentThread();
        } else if (owner != Thread.currentThread()) {
            throw new IllegalStateException("epoll driver used off its owner thread");
        }
    }

    @Override
    public void park(long timeoutNanos) {
        bindOwner();
        ownerTasks.runAll();
        epoll.park(ownerTasks.isEmpty() ? timeoutNanos : 0);
        ownerTasks.runAll();
    }

    @Override
    public void unpark() {
        epoll.unpark();
    }

    /** Closes the sockets still registered, then the epoll instance. Owner. */
    @Override
    public void close() {
        ownerTasks.runAll();
        sockets.closeAll();
        ownerTasks.runAll();
        epoll.close();
    }

    /** Sockets registered here (test hook). Owner. */
    int openSockets() {
        return sockets.size();
    }
}
