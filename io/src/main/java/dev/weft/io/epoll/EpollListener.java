package dev.weft.io.epoll;

import dev.weft.io.IoDriver;
import dev.weft.io.TcpOptions;
import dev.weft.io.linux.EpollEvent;
import dev.weft.io.linux.Errno;
import dev.weft.io.linux.SocketCalls;
import dev.weft.io.linux.Syscalls;
import dev.weft.io.transport.FdSockets;
import dev.weft.io.transport.ListenerTransport;
import dev.weft.io.transport.OwnedSocket;
import dev.weft.io.transport.Readiness;
import dev.weft.io.transport.SocketErrors;
import dev.weft.io.transport.StreamTransport;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A listening socket on epoll: {@code accept4} until EAGAIN, then wait for readability. Each
 * accepted socket is registered with the driver of the worker that accepted it.
 *
 * <p>Thread roles: one accepting task at a time, on any worker; {@link #onReady} on the home
 * driver's owner; {@link #close} any thread.
 */
final class EpollListener implements ListenerTransport, EpollHandler, OwnedSocket, AutoCloseable {
    private final EpollIoDriver home;
    private final int fd;
    private final TcpOptions options;
    private final InetSocketAddress localAddress;
    private final Readiness readiness = new Readiness();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Home owner only: the owner's part of close has run. */
    private boolean ownerClosed;
    /** Written once by {@link #register} on the owner before the listener is published. */
    private int token;

    private EpollListener(EpollIoDriver home, int fd, TcpOptions options,
                          InetSocketAddress localAddress) {
        this.home = home;
        this.fd = fd;
        this.options = options;
        this.localAddress = localAddress;
    }

    static EpollListener register(EpollIoDriver home, int fd, TcpOptions options) throws IOException {
        try {
            EpollListener l = new EpollListener(home, fd, options, FdSockets.localAddress(fd));
            l.token = home.register(fd, l, l);
            return l;
        } catch (IOException | RuntimeException e) {
            Syscalls.close(fd);
            throw e;
        }
    }

    @Override
    public void onReady(int events) {
        readiness.onEvent((events & (EpollEvent.EPOLLHUP | EpollEvent.EPOLLERR)) != 0
                ? Readiness.CLOSED : Readiness.READABLE);
    }

    @Override
    public Poll<StreamTransport> pollAccept(Context cx) throws IOException {
        if (closed.get()) {
            throw SocketErrors.closed();
        }
        if (!cx.consumeBudget()) {
            return Poll.pending();
        }
        while (true) {
            int seen = readiness.snapshot();
            if (Readiness.isSet(seen, Readiness.READABLE)) {
                int conn = SocketCalls.accept4(fd, MemorySegment.NULL, MemorySegment.NULL);
                if (conn >= 0) {
                    return Poll.ready(adopt(cx, conn));
                }
                if (!Errno.EAGAIN.is(conn) && !isTransient(conn)) {
                    throw SocketErrors.of("accept4", conn);
                }
                if (!Errno.EAGAIN.is(conn)) {
                    continue;
                }
            }
            if (readiness.clear(seen, Readiness.READABLE, cx.waker())) {
                return Poll.pending();
            }
        }
    }

    /** Errors that concern one aborted connection, not the listener (accept(2) NOTES). */
    private static boolean isTransient(int r) {
        return Errno.EINTR.is(r) || Errno.ECONNABORTED.is(r);
    }

    /** Registers the accepted fd with the accepting worker's driver. */
    private StreamTransport adopt(Context cx, int conn) throws IOException {
        EpollIoDriver driver = IoDriver.current(cx) instanceof EpollIoDriver e ? e : home;
        try {
            FdSockets.applyStreamOptions(conn, options);
        } catch (IOException e) {
            Syscalls.close(conn);
            throw e;
        }
        return EpollStream.register(driver, conn, false);
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        readiness.wakeAll();
        home.onOwner(this::closeOnOwner);
    }

    @Override
    public void closeOnOwner() {
        if (ownerClosed) {
            return;
        }
        ownerClosed = true;
        closed.set(true);
        readiness.wakeAll();
        home.deregister(token, this);
        Syscalls.close(fd);
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }
}
