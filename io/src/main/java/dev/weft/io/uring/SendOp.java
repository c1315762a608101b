package dev.weft.io.uring;

import dev.weft.io.IoDriver;
import dev.weft.io.buffer.Buffer;
import dev.weft.io.linux.SocketCalls;
import dev.weft.io.transport.MsgHdr;
import dev.weft.io.transport.SocketErrors;
import dev.weft.io.transport.StreamTransport;
import dev.weft.runtime.Context;
import dev.weft.runtime.sync.AtomicWaker;
import java.io.IOException;

/**
 * The one send in flight of a {@link UringStream}: SEND for one buffer, SENDMSG (gather) for
 * several, their zero-copy forms (SEND_ZC, SENDMSG_ZC) at or above the driver's threshold.
 *
 * <p>States: IDLE -> (writer submits on its worker's ring) IN_FLIGHT -> (last CQE, on that
 * ring's owner) DONE -> (writer takes the result) IDLE. A zero-copy send posts two CQEs, the
 * result and then a notification that the kernel no longer reads the buffers; DONE waits for
 * the second, so the caller may reuse its buffers as soon as the write is Ready.
 *
 * <p>Submitting retains every buffer it names; the last CQE releases them. The stream's hold
 * (which keeps the fd open) goes at the first CQE of a zero-copy send, since its notification
 * may only come once the socket is closed. The msghdr lives in a
 * pooled buffer owned by the stream.
 *
 * <p>Thread roles: the writer task submits and takes results; the submitting ring's owner
 * completes; {@link #state} carries the handoff (release by the writer after preparing, by the
 * owner after storing the result; acquire on the other side).
 */
final class SendOp extends UringOp {
    private static final int IDLE = 0;
    private static final int IN_FLIGHT = 1;
    private static final int DONE = 2;

    private final UringStream stream;
    private final AtomicWaker waker = new AtomicWaker();
    /** Writer only while IDLE; owner only while IN_FLIGHT. Retained buffers of the send. */
    private final Buffer[] held = new Buffer[MsgHdr.MAX_IOVS];
    private int heldCount;
    /** Writer; lazily allocated msghdr + iovecs for gather sends. */
    private Buffer msghdr;
    /** The driver the send was submitted to (for cancel). */
    private volatile IoUringIoDriver submittedOn;
    /** Owner only: a zero-copy send's first CQE already gave back the stream's hold. */
    private boolean holdDropped;
    /** First CQE's result (bytes or -errno); written by the owner before DONE. */
    private int result;
    private volatile int state;

    SendOp(UringStream stream) {
        this.stream = stream;
    }

    long poll(Context cx, Buffer[] buffers, long[] starts, int offset, int count) throws IOException {
        int s = state;
        if (s == IN_FLIGHT) {
            waker.register(cx.waker());
            s = state;
            if (s == IN_FLIGHT) {
                return StreamTransport.PENDING;
            }
        }
        if (s == DONE) {
            int r = result;
            state = IDLE;
            if (r < 0) {
                throw SocketErrors.of("send", r);
            }
            MsgHdr.consume(buffers, starts, offset, count, r);
            return r;
        }
        return submit(cx, buffers, starts, offset, count);
    }

    private long submit(Context cx, Buffer[] buffers, long[] starts, int offset, int count) {
        if (!(IoDriver.current(cx) instanceof IoUringIoDriver d)) {
            throw new IllegalStateException("io_uring stream written from a worker without an io_uring driver");
        }
        long total = 0;
        int nonEmpty = 0;
        int only = -1;
        for (int i = offset; i < offset + count && nonEmpty < MsgHdr.MAX_IOVS; i++) {
            long n = MsgHdr.unsent(buffers[i], starts, i);
            if (n > 0) {
                total += n;
                nonEmpty++;
                only = i;
            }
        }
        if (nonEmpty == 0) {
            return 0;
        }
        boolean zeroCopy = total >= d.zeroCopyThreshold();
        heldCount = 0;
        for (int i = offset; i < offset + count && heldCount < nonEmpty; i++) {
            if (MsgHdr.unsent(buffers[i], starts, i) > 0) {
                held[heldCount++] = buffers[i].retain();
            }
        }
        waker.register(cx.waker());
        holdDropped = false;
        stream.acquire();
        submittedOn = d;
        // ordering: volatile store; publishes held[] to the owner that completes the send.
        state = IN_FLIGHT;
        long sqe;
        if (nonEmpty == 1) {
            sqe = d.prepare(this, zeroCopy ? IoUringConstants.IORING_OP_SEND_ZC
                    : IoUringConstants.IORING_OP_SEND, stream.fd());
            Sqe.addr(d.sqes(), sqe, MsgHdr.startAddress(buffers[only], starts, only));
            Sqe.len(d.sqes(), sqe, (int) Math.min(MsgHdr.unsent(buffers[only], starts, only), Integer.MAX_VALUE));
        } else {
            if (msghdr == null) {
                msghdr = d.bufferPool().allocate(MsgHdr.BYTES);
            }
            MsgHdr.fill(msghdr.segment(), buffers, starts, offset, count);
            sqe = d.prepare(this, zeroCopy ? IoUringConstants.IORING_OP_SENDMSG_ZC
                    : IoUringConstants.IORING_OP_SENDMSG, stream.fd());
            Sqe.addr(d.sqes(), sqe, msghdr.segment().address());
            Sqe.len(d.sqes(), sqe, 1);
        }
        Sqe.opFlags(d.sqes(), sqe, SocketCalls.MSG_NOSIGNAL);
        return StreamTransport.PENDING;
    }

    @Override
    void onCqe(int res, int flags, boolean isLast) {
        if ((flags & IoUringConstants.IORING_CQE_F_NOTIF) == 0) {
            result = res;
        }
        if (!isLast) {
            // Zero-copy: the send is done with the fd; the notification that the kernel let go
            // of the pages follows. It may wait for the socket to close (pages queued to a peer
            // that does not read), so the stream's hold goes now and the buffers at the
            // notification.
            stream.release();
            holdDropped = true;
            return;
        }
        for (int i = 0; i < heldCount; i++) {
            held[i].release();
            held[i] = null;
        }
        heldCount = 0;
        // ordering: volatile store; publishes result to the writer's volatile load of state.
        state = DONE;
        waker.wake();
        if (!holdDropped) {
            stream.release();
        }
    }

    /** Cancels a send in flight, on the ring it was submitted to. Any thread. */
    void cancel() {
        waker.wake();
        IoUringIoDriver d = submittedOn;
        if (d != null && state == IN_FLIGHT) {
            d.onOwner(() -> d.cancel(this));
        }
    }

    /** Frees the msghdr once no send can be in flight (the stream's last hold). */
    void free() {
        if (msghdr != null) {
            msghdr.release();
            msghdr = null;
        }
    }
}
