package dev.weft.io.uring;

import dev.weft.io.IoDriver;
import dev.weft.io.TcpOptions;
import dev.weft.io.linux.Errno;
import dev.weft.io.linux.SocketCalls;
import dev.weft.io.linux.Syscalls;
import dev.weft.io.transport.FdSockets;
import dev.weft.io.transport.ListenerTransport;
import dev.weft.io.transport.OwnedSocket;
import dev.weft.io.transport.SocketErrors;
import dev.weft.io.transport.StreamTransport;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.sync.AtomicWaker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A listening socket on io_uring: one multishot ACCEPT on the home ring posts a CQE per
 * connection (the new fd, non-blocking and close-on-exec); fds wait in {@link #accepted} for
 * the accepting task, which registers each with its own worker's ring. A CQE without
 * {@code F_MORE} ends the ACCEPT; it is re-armed unless the listener is closed.
 *
 * <p>Close cancels the ACCEPT; its last CQE closes the listening fd and any accepted fd not yet
 * taken.
 *
 * <p>Thread roles: {@link #accepted} and {@link #error} are guarded by {@code this}; the ACCEPT
 * is armed and completed on the home owner; one accepting task at a time.
 */
final class UringListener extends UringOp implements ListenerTransport, OwnedSocket, AutoCloseable {
    private final IoUringIoDriver home;
    private final int fd;
    private final TcpOptions options;
    private final InetSocketAddress localAddress;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicWaker waker = new AtomicWaker();
    /** Guarded by this: accepted fds, a growable ring. */
    private int[] accepted = new int[16];
    private int head;
    private int size;
    /** Guarded by this: a fatal accept error, or 0. */
    private int error;
    /** Home owner only: the owner's part of close has run. */
    private boolean ownerClosed;

    private UringListener(IoUringIoDriver home, int fd, TcpOptions options, InetSocketAddress local) {
        this.home = home;
        this.fd = fd;
        this.options = options;
        this.localAddress = local;
    }

    /** Wraps a listening fd and arms its ACCEPT. Home owner. */
    static UringListener start(IoUringIoDriver home, int fd, TcpOptions options) throws IOException {
        try {
            UringListener l = new UringListener(home, fd, options, FdSockets.localAddress(fd));
            home.track(l);
            l.arm();
            return l;
        } catch (IOException | RuntimeException e) {
            Syscalls.close(fd);
            throw e;
        }
    }

    private void arm() {
        long sqe = home.prepare(this, IoUringConstants.IORING_OP_ACCEPT, fd);
        Sqe.ioprio(home.sqes(), sqe, IoUringConstants.IORING_ACCEPT_MULTISHOT);
        Sqe.opFlags(home.sqes(), sqe, SocketCalls.SOCK_NONBLOCK | SocketCalls.SOCK_CLOEXEC);
    }

    @Override
    void onCqe(int res, int flags, boolean isLast) {
        if (res >= 0) {
            synchronized (this) {
                if (closed.get()) {
                    Syscalls.close(res);
                } else {
                    push(res);
                }
            }
        } else if (!isTransient(res)) {
            synchronized (this) {
                error = res;
            }
        }
        waker.wake();
        if (isLast) {
            if (closed.get()) {
                finish();
            } else if (res >= 0 || isTransient(res)) {
                arm();
            }
        }
    }

    /** Errors that end one connection attempt, not the listener (accept(2) NOTES). */
    private static boolean isTransient(int res) {
        return Errno.ECONNABORTED.is(res) || Errno.EINTR.is(res) || Errno.EAGAIN.is(res)
                || Errno.ENOBUFS.is(res) || Errno.ENOMEM.is(res) || Errno.EMFILE.is(res)
                || Errno.ENFILE.is(res);
    }

    private void push(int conn) {
        if (size == accepted.length) {
            int[] bigger = new int[size * 2];
            for (int i = 0; i < size; i++) {
                bigger[i] = accepted[(head + i) % accepted.length];
            }
            accepted = bigger;
            head = 0;
        }
        accepted[(head + size) % accepted.length] = conn;
        size++;
    }

    @Override
    public Poll<StreamTransport> pollAccept(Context cx) throws IOException {
        if (closed.get()) {
            throw SocketErrors.closed();
        }
        if (!cx.consumeBudget()) {
            return Poll.pending();
        }
        int conn;
        synchronized (this) {
            if (size == 0) {
                if (error != 0) {
                    int e = error;
                    error = 0;
                    throw SocketErrors.of("accept", e);
                }
                waker.register(cx.waker());
                return Poll.pending();
            }
            conn = accepted[head];
            head = (head + 1) % accepted.length;
            size--;
        }
        if (!(IoDriver.current(cx) instanceof IoUringIoDriver d)) {
            Syscalls.close(conn);
            throw new IllegalStateException("io_uring listener polled on a worker without an io_uring driver");
        }
        try {
            FdSockets.applyStreamOptions(conn, options);
        } catch (IOException e) {
            Syscalls.close(conn);
            throw e;
        }
        return Poll.ready(UringStream.accepted(d, conn));
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
        waker.wake();
        home.onOwner(this::closeOnOwner);
    }

    @Override
    public void closeOnOwner() {
        if (ownerClosed) {
            return;
        }
        ownerClosed = true;
        closed.set(true);
        waker.wake();
        home.untrack(this);
        if (isInFlight()) {
            home.cancel(this); // the last CQE calls finish()
        } else {
            finish();
        }
    }

    /** Closes the listening fd and the fds nobody took. Home owner, once. */
    private void finish() {
        Syscalls.close(fd);
        synchronized (this) {
            while (size > 0) {
                Syscalls.close(accepted[head]);
                head = (head + 1) % accepted.length;
                size--;
            }
        }
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }
}
