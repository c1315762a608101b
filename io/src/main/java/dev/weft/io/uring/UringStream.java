package dev.weft.io.uring;

import dev.weft.io.buffer.Buffer;
import dev.weft.io.linux.Errno;
import dev.weft.io.linux.Syscalls;
import dev.weft.io.transport.FdSockets;
import dev.weft.io.transport.OwnedSocket;
import dev.weft.io.transport.SocketErrors;
import dev.weft.io.transport.StreamTransport;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.sync.AtomicWaker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connected socket on io_uring.
 *
 * <p><b>Receive.</b> One multishot RECV on the home ring (the worker that accepted or
 * connected) with buffer selection: each CQE carries a pool buffer the kernel filled, queued in
 * {@link #inbox} for the reader. When the inbox holds more than {@link #HIGH_WATER} bytes the
 * RECV is cancelled (TCP flow control then holds the peer back) and re-armed once the reader
 * drains it below {@link #LOW_WATER}. A CQE without {@code F_MORE} ends the RECV; it is re-armed
 * unless the stream ended, failed, paused or closed.
 *
 * <p><b>Send.</b> {@link SendOp}: at most one send in flight, submitted to the ring of the
 * worker polling the writer. The buffers it reads are retained until its last CQE, so a caller
 * that gives up (its task is aborted) and releases them cannot return their memory to the pool
 * while the kernel may still read it.
 *
 * <p><b>Close</b> (any thread): cancels the RECV on the home ring and a send on its ring; the
 * fd is closed and the queued buffers released when the last of {@link #holds} goes: one for
 * the open stream, one per operation in flight.
 *
 * <p>Thread roles: {@link #inbox}, {@link #paused}, {@link #eof} and {@link #error} are guarded
 * by {@code inbox}; RECV arming happens on the home owner; one reader and one writer task.
 */
final class UringStream implements StreamTransport, OwnedSocket, AutoCloseable {
    static final long HIGH_WATER = 256 * 1024;
    static final long LOW_WATER = 64 * 1024;

    private final IoUringIoDriver home;
    private final int fd;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The open stream plus each op in flight; the fd is closed when it reaches 0. */
    private final AtomicInteger holds = new AtomicInteger(1);
    private final AtomicWaker readWaker = new AtomicWaker();
    private final RecvOp recv = new RecvOp();
    private final SendOp send;
    private final ConnectOp connect = new ConnectOp();

    /** Guarded by inbox: received buffers not yet read. */
    private final ArrayDeque<Buffer> inbox = new ArrayDeque<>(4);
    private long inboxBytes;
    private boolean paused;
    private boolean eof;
    private int error;
    /** Home owner only: the owner's part of close has run. */
    private boolean ownerClosed;

    private UringStream(IoUringIoDriver home, int fd) {
        this.home = home;
        this.fd = fd;
        this.send = new SendOp(this);
    }

    /** An accepted socket: tracked by {@code home} and receiving at once. Home owner. */
    static UringStream accepted(IoUringIoDriver home, int fd) {
        UringStream s = new UringStream(home, fd);
        s.connect.state = ConnectOp.DONE;
        home.track(s);
        s.armRecv();
        return s;
    }

    /** A socket with a non-blocking connect in progress. Home owner. */
    static UringStream connecting(IoUringIoDriver home, int fd) {
        UringStream s = new UringStream(home, fd);
        home.track(s);
        s.holds.incrementAndGet();
        long sqe = home.prepare(s.connect, IoUringConstants.IORING_OP_POLL_ADD, fd);
        Sqe.opFlags(home.sqes(), sqe, IoUringConstants.POLLOUT);
        return s;
    }

    int fd() {
        return fd;
    }

    IoUringIoDriver home() {
        return home;
    }

    // ---- connect ----

    /** POLL_ADD(POLLOUT) for the connect: its CQE says the socket is writable (or failed). */
    private final class ConnectOp extends UringOp {
        static final int PENDING = 0;
        static final int DONE = 1;
        final AtomicWaker waker = new AtomicWaker();
        /** Written by the home owner, read by the connecting task. */
        volatile int state;

        @Override
        void onCqe(int res, int flags, boolean isLast) {
            state = DONE;
            if (!closed.get()) {
                armRecv();
            }
            waker.wake();
            release();
        }
    }

    @Override
    public Poll<Void> pollConnect(Context cx) throws IOException {
        checkOpen();
        if (connect.state != ConnectOp.DONE) {
            connect.waker.register(cx.waker());
            if (connect.state != ConnectOp.DONE) {
                return Poll.pending();
            }
        }
        int err = FdSockets.connectError(fd);
        if (err != 0) {
            throw SocketErrors.of("connect", err);
        }
        return Poll.readyVoid();
    }

    // ---- receive ----

    /** Arms the multishot RECV on the home ring. Home owner. */
    private void armRecv() {
        if (recv.isInFlight() || closed.get()) {
            return;
        }
        holds.incrementAndGet();
        long sqe = home.prepare(recv, IoUringConstants.IORING_OP_RECV, fd);
        Sqe.ioprio(home.sqes(), sqe, IoUringConstants.IORING_RECV_MULTISHOT);
        Sqe.flags(home.sqes(), sqe, IoUringConstants.IOSQE_BUFFER_SELECT);
        Sqe.bufGroup(home.sqes(), sqe, home.bufferRing().groupId());
    }

    /** The multishot RECV's CQEs, on the home owner. */
    private final class RecvOp extends UringOp {
        @Override
        boolean usesBufferRing() {
            return true;
        }

        @Override
        void onCqe(int res, int flags, boolean isLast) {
            boolean hasBuffer = (flags & IoUringConstants.IORING_CQE_F_BUFFER) != 0;
            int bid = flags >>> Cqe.BUFFER_SHIFT;
            boolean rearm;
            boolean pause = false;
            Buffer received = null;
            if (res > 0 && hasBuffer) {
                received = home.bufferRing().take(bid, res);
            } else if (hasBuffer) {
                home.bufferRing().recycle(bid);
                home.bufferRing().publish();
            }
            synchronized (inbox) {
                if (received != null) {
                    if (closed.get()) {
                        received.release();
                    } else {
                        inbox.add(received);
                        inboxBytes += res;
                        pause = !isLast && !paused && inboxBytes > HIGH_WATER;
                        paused |= pause;
                    }
                } else if (res == 0) {
                    eof = true;
                } else if (res < 0 && !Errno.ENOBUFS.is(res) && !Errno.ECANCELED.is(res)) {
                    error = res;
                }
                // The last CQE of a receive (it ended, ran out of buffers, or was cancelled for a
                // pause): receive again unless the stream ended, failed or is paused. A resume
                // that ran while this receive was still in flight found it armed and did nothing,
                // so re-arming here is what keeps it from being lost.
                rearm = isLast && !paused && !eof && error == 0;
            }
            if (pause) {
                home.cancel(this);
            }
            readWaker.wake();
            if (isLast) {
                release();
                if (rearm) {
                    armRecv();
                }
            }
        }
    }

    @Override
    public Buffer tryRead(Context cx) throws IOException {
        checkOpen();
        if (!cx.consumeBudget()) {
            return null;
        }
        boolean resume = false;
        Buffer b;
        synchronized (inbox) {
            b = inbox.poll();
            if (b != null) {
                inboxBytes -= b.readableBytes();
                if (paused && inboxBytes < LOW_WATER) {
                    paused = false;
                    resume = true;
                }
            } else if (error != 0) {
                throw SocketErrors.of("recv", error);
            } else if (eof) {
                return null;
            } else {
                readWaker.register(cx.waker());
                return null;
            }
        }
        if (resume) {
            home.onOwner(this::armRecv);
        }
        return b;
    }

    @Override
    public boolean isEndOfStream() {
        synchronized (inbox) {
            return eof && inbox.isEmpty();
        }
    }

    // ---- send ----

    @Override
    public long tryWrite(Context cx, Buffer[] buffers, long[] starts, int offset, int count) throws IOException {
        checkOpen();
        if (!cx.consumeBudget()) {
            return PENDING;
        }
        return send.poll(cx, buffers, starts, offset, count);
    }

    /** Takes a hold for an op about to be submitted. */
    void acquire() {
        holds.incrementAndGet();
    }

    /** Drops a hold; the last one closes the fd and frees what the stream kept. */
    void release() {
        if (holds.decrementAndGet() == 0) {
            Syscalls.close(fd);
            send.free();
            synchronized (inbox) {
                Buffer b;
                while ((b = inbox.poll()) != null) {
                    b.release();
                }
                inboxBytes = 0;
            }
        }
    }

    boolean isClosedFlag() {
        return closed.get();
    }

    // ---- the rest ----

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
        readWaker.wake();
        connect.waker.wake();
        send.cancel();
        home.onOwner(this::closeOnOwner);
    }

    @Override
    public void closeOnOwner() {
        if (ownerClosed) {
            return;
        }
        ownerClosed = true;
        closed.set(true);
        readWaker.wake();
        connect.waker.wake();
        home.untrack(this);
        home.cancel(recv);
        home.cancel(connect);
        release();
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
