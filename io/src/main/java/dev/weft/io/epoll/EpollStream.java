package dev.weft.io.epoll;

import dev.weft.io.buffer.Buffer;
import dev.weft.io.linux.EpollEvent;
import dev.weft.io.linux.Errno;
import dev.weft.io.linux.SocketCalls;
import dev.weft.io.linux.Syscalls;
import dev.weft.io.transport.FdSockets;
import dev.weft.io.transport.MsgHdr;
import dev.weft.io.transport.OwnedSocket;
import dev.weft.io.transport.Readiness;
import dev.weft.io.transport.SocketErrors;
import dev.weft.io.transport.StreamTransport;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A connected socket on epoll: non-blocking {@code read}/{@code send}/{@code sendmsg} on the
 * polling thread, {@link Readiness} (see its protocol) to wait after EAGAIN.
 *
 * <p>An idle stream holds no buffer: a receive buffer is taken from the pool only when the
 * socket is readable, and goes back at once if the read finds nothing.
 *
 * <p>Thread roles: one reader and one writer task at a time, on any worker; {@link #onReady}
 * on the driver's owner; {@link #close} any thread (the fd is closed on the owner, after its
 * registration is removed).
 */
final class EpollStream implements StreamTransport, EpollHandler, OwnedSocket, AutoCloseable {
    private static final ThreadLocal<MemorySegment> MSGHDR =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(MsgHdr.BYTES, 8));

    private final EpollIoDriver home;
    private final int fd;
    private final Readiness readiness = new Readiness();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Home owner only: the owner's part of close has run. */
    private boolean ownerClosed;
    /** Written once by {@link #register} on the owner before the stream is published. */
    private int token;
    /** Reader task only: the connect is complete. */
    private boolean connected;
    /** Reader task only: a read returned end of stream. */
    private boolean endOfStream;

    private EpollStream(EpollIoDriver home, int fd, boolean connecting) {
        this.home = home;
        this.fd = fd;
        this.connected = !connecting;
    }

    /** Registers {@code fd} (connected, or with a connect in progress) on {@code home}. Owner. */
    static EpollStream register(EpollIoDriver home, int fd, boolean connecting) throws IOException {
        EpollStream s = new EpollStream(home, fd, connecting);
        try {
            s.token = home.register(fd, s, s);
        } catch (IOException | RuntimeException e) {
            Syscalls.close(fd);
            throw e;
        }
        return s;
    }

    @Override
    public void onReady(int events) {
        int bits = 0;
        if ((events & (EpollEvent.EPOLLIN | EpollEvent.EPOLLRDHUP)) != 0) {
            bits |= Readiness.READABLE;
        }
        if ((events & EpollEvent.EPOLLOUT) != 0) {
            bits |= Readiness.WRITABLE;
        }
        if ((events & (EpollEvent.EPOLLHUP | EpollEvent.EPOLLERR)) != 0) {
            bits |= Readiness.CLOSED;
        }
        readiness.onEvent(bits);
    }

    @Override
    public Poll<Void> pollConnect(Context cx) throws IOException {
        checkOpen();
        if (connected) {
            return Poll.readyVoid();
        }
        while (true) {
            int seen = readiness.snapshot();
            if (Readiness.isSet(seen, Readiness.WRITABLE)) {
                int err = FdSockets.connectError(fd);
                if (err != 0) {
                    throw SocketErrors.of("connect", err);
                }
                // SO_ERROR is 0 both when connected and while still connecting (the first
                // poll assumes writable); the peer address tells them apart.
                if (FdSockets.isConnected(fd)) {
                    connected = true;
                    return Poll.readyVoid();
                }
            }
            if (readiness.clear(seen, Readiness.WRITABLE, cx.waker())) {
                return Poll.pending();
            }
        }
    }

    @Override
    public Buffer tryRead(Context cx) throws IOException {
        checkOpen();
        if (endOfStream) {
            return null;
        }
        if (!cx.consumeBudget()) {
            return null;
        }
        while (true) {
            int seen = readiness.snapshot();
            if (Readiness.isSet(seen, Readiness.READABLE)) {
                Buffer buf = home.bufferPool().allocate(home.readBufferSize());
                long n = SocketCalls.recvAt(fd, buf.writeAddress(), buf.writableBytes());
                if (n > 0) {
                    buf.advanceWriteIndex(n);
                    return buf;
                }
                buf.release();
                if (n == 0) {
                    endOfStream = true;
                    return null;
                }
                if (!Errno.EAGAIN.is(n)) {
                    if (Errno.EINTR.is(n)) {
                        continue;
                    }
                    throw SocketErrors.of("read", n);
                }
            }
            if (readiness.clear(seen, Readiness.READABLE, cx.waker())) {
                return null;
            }
        }
    }

    @Override
    public boolean isEndOfStream() {
        return endOfStream;
    }

    @Override
    public long tryWrite(Context cx, Buffer[] buffers, long[] starts, int offset, int count) throws IOException {
        checkOpen();
        if (!cx.consumeBudget()) {
            return PENDING;
        }
        while (true) {
            int seen = readiness.snapshot();
            if (Readiness.isSet(seen, Readiness.WRITABLE)) {
                long n = send(buffers, starts, offset, count);
                if (n >= 0) {
                    MsgHdr.consume(buffers, starts, offset, count, n);
                    return n;
                }
                if (!Errno.EAGAIN.is(n)) {
                    if (Errno.EINTR.is(n)) {
                        continue;
                    }
                    throw SocketErrors.of("send", n);
                }
            }
            if (readiness.clear(seen, Readiness.WRITABLE, cx.waker())) {
                return PENDING;
            }
        }
    }

    /** One send for one non-empty buffer, sendmsg (gather) for several. */
    private long send(Buffer[] buffers, long[] starts, int offset, int count) {
        int nonEmpty = 0;
        int only = -1;
        for (int i = offset; i < offset + count; i++) {
            if (MsgHdr.unsent(buffers[i], starts, i) > 0) {
                nonEmpty++;
                only = i;
            }
        }
        if (nonEmpty == 0) {
            return 0;
        }
        if (nonEmpty == 1) {
            Buffer b = buffers[only];
            return SocketCalls.sendAt(fd, MsgHdr.startAddress(b, starts, only), MsgHdr.unsent(b, starts, only));
        }
        MemorySegment msg = MSGHDR.get();
        MsgHdr.fill(msg, buffers, starts, offset, count);
        return SocketCalls.sendmsg(fd, msg);
    }

    @Override
    public void shutdownOutput() throws IOException {
        checkOpen();
        FdSockets.shutdownOutput(fd);
    }

    @Override
    public InetSocketAddress localAddress() throws IOException {
        checkOpen();
        return FdSockets.localAddress(fd);
    }

    @Override
    public InetSocketAddress remoteAddress() throws IOException {
        checkOpen();
        return FdSockets.remoteAddress(fd);
    }

    @Override
    public void setNoDelay(boolean on) throws IOException {
        checkOpen();
        FdSockets.setNoDelay(fd, on);
    }

    @Override
    public void setKeepAlive(boolean on) throws IOException {
        checkOpen();
        FdSockets.setKeepAlive(fd, on);
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

    private void checkOpen() throws IOException {
        if (closed.get()) {
            throw SocketErrors.closed();
        }
    }
}
