package dev.weft.websocket.session;

import dev.weft.io.TcpStream;
import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import dev.weft.runtime.time.Sleep;
import dev.weft.runtime.time.Time;
import dev.weft.websocket.Assembled;
import dev.weft.websocket.CloseCode;
import dev.weft.websocket.ClosePayload;
import dev.weft.websocket.Decoded;
import dev.weft.websocket.FrameChunk;
import dev.weft.websocket.FrameDecoder;
import dev.weft.websocket.FrameEncoder;
import dev.weft.websocket.FrameLayout;
import dev.weft.websocket.FrameSink;
import dev.weft.websocket.MessageAssembler;
import dev.weft.websocket.MessageEncoder;
import dev.weft.websocket.OutboundFrame;
import dev.weft.websocket.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The frame phase of one WebSocket connection, after the handshake, for either role: the
 * steps 5 to 9 of the lifecycle in {@code package-info.java}. Polled by the connection's task
 * (its owner calls {@link #poll} until Ready, and {@link #release} from the task's cleanup);
 * it is also the connection's {@link WebSocketSession}, whose methods any thread may call.
 *
 * <p>Thread roles: fields marked "task only" are read and written by the polling task only
 * (successive polls are ordered by the task's state hand-off). What sending threads share with
 * the task is in {@link SendQueue}, plus {@code isOpen}.
 */
public final class WebSocketConnection implements WebSocketSession {

    /** Frames per gathering write (two buffers each: header and payload). */
    private static final int MAX_BATCH = 16;

    private enum Phase { OPEN, LINGER, DONE }

    private final TcpStream stream;
    private final BufferPool pool;
    private final WebSocketHandler handler;
    private final WebSocketOptions options;
    private final Consumer<Throwable> errors;
    private final ConnectionCodec codec;
    private final FrameDecoder decoder;
    private final MessageAssembler assembler;
    private final FrameEncoder frames;
    private final MessageEncoder messages;
    private final String subprotocol;
    private final boolean isCompressed;

    /** The cross-thread half: senders offer, the task takes. */
    private final SendQueue sendQueue;
    /** Written by the task (false once a close is queued or received) and by close(); read by senders. */
    private volatile boolean isOpen = true;

    /** Task only. Bytes received with the handshake, decoded before the first read; null once used. */
    private Buffer leftover;
    /**
     * Task only. Encoded frames waiting for the next batch, oldest first: each frame's header
     * and then its payload (no object per frame). Owns one reference to each.
     */
    private final ArrayDeque<Buffer> ready = new ArrayDeque<>();
    /** Task only. Where encoding puts data frames: the end of {@code ready}. Made once. */
    private final FrameSink toReady = this::addReady;
    /** Task only. Bytes of the frame {@code toReady} took last. */
    private long lastReadyBytes;
    /** Task only. Size of each frame of the write in progress before writing (writing consumes the buffers). */
    private final long[] batchBytes = new long[MAX_BATCH + 1];
    /**
     * Task only. Header and payload buffers of the write in progress (frame i at 2i and 2i+1), as
     * passed to the gathering write; released when all of it is written.
     */
    private final Buffer[] gather = new Buffer[2 * (MAX_BATCH + 1)];
    /**
     * Task only. Where the unsent bytes of each {@code gather} buffer start. The write goes by
     * these positions and leaves the buffers' own indexes alone, so a payload shared with other
     * connections (one buffer, a reference each) needs no view object per connection.
     */
    private final long[] gatherStarts = new long[2 * (MAX_BATCH + 1)];
    /** Task only. Frames in the write in progress; 0 when none is. */
    private int batchCount;
    /** Task only. First buffer of {@code gather} not yet fully written. */
    private int gatherStart;
    /** Task only. Frames of the write in progress fully written and already taken off the queued-byte count. */
    private int batchWritten;
    /** Task only. The header of the close frame we queued, to know when it has been written; null before. */
    private Buffer closeHeader;
    /** Task only. Body of the latest ping to answer (older ones are superseded, RFC 6455 §5.5.3); null if none. */
    private byte[] pendingPong;

    /** Task only. Lifecycle step (OPEN covers 5-7, LINGER is 8, DONE is 9). */
    private Phase phase = Phase.OPEN;
    /** Task only. onOpen has run. */
    private boolean isStarted;
    /** Task only. Our close frame is queued (no data is encoded after it). */
    private boolean isCloseQueued;
    /** Task only. Our close frame has been written. */
    private boolean isCloseWritten;
    /** Task only. No more frames are decoded: the peer's close arrived, or a violation, or end of stream. */
    private boolean isInputDone;
    /** Task only. The peer ended its side of the stream. */
    private boolean isEndOfStream;
    /** Task only. onClose has run. */
    private boolean isCloseNotified;
    /** Task only. When the last bytes arrived (System.nanoTime). */
    private long lastReadNanos;
    /** Task only. When the last keepalive ping was queued. */
    private long lastPingNanos;
    /** Task only. When our close was queued. */
    private long closeQueuedNanos;
    /** Task only. Until when step 8 waits for the peer's end of stream. */
    private long lingerDeadlineNanos;
    /** Task only. The timer for the nearest deadline, or null. */
    private Sleep timer;

    /**
     * @param leftover bytes that followed the handshake in the same read (owned by this connection), or null
     * @param errors told of handler exceptions (the connection closes with 1011)
     */
    public WebSocketConnection(TcpStream stream, BufferPool pool, WebSocketHandler handler, WebSocketOptions options,
                               ConnectionCodec codec, String subprotocol, boolean isCompressed, Buffer leftover,
                               Consumer<Throwable> errors) {
        this.stream = stream;
        this.pool = pool;
        this.handler = handler;
        this.options = options;
        this.codec = codec;
        this.decoder = codec.decoder();
        this.assembler = codec.assembler();
        this.frames = codec.frames();
        this.messages = codec.messages();
        this.subprotocol = subprotocol;
        this.isCompressed = isCompressed;
        this.leftover = leftover;
        this.errors = errors;
        this.sendQueue = new SendQueue(options.lowWatermarkBytes(), options.highWatermarkBytes());
    }

    // ---- the task side -------------------------------------------------------------------

    /** Runs the connection until it has closed (step 9). Must be polled by the connection's task. */
    public Poll<Void> poll(Context cx) {
        sendQueue.beginPoll(cx.waker());
        try {
            if (!isStarted) {
                start();
            }
            return run(cx);
        } catch (IOException | RuntimeException e) {
            notifyClose(CloseCode.ABNORMAL_CLOSURE, String.valueOf(e.getMessage()));
            release();
            return Poll.readyVoid();
        } finally {
            sendQueue.endPoll();
        }
    }

    /** Step 5. */
    private void start() {
        isStarted = true;
        lastReadNanos = System.nanoTime();
        lastPingNanos = lastReadNanos;
        try {
            handler.onOpen(this);
        } catch (RuntimeException e) {
            handlerFailed(e);
        }
        Buffer first = leftover;
        leftover = null;
        if (first != null) {
            onBytes(first);
        }
    }

    private Poll<Void> run(Context cx) throws IOException {
        while (true) {
            if (phase == Phase.DONE) {
                return Poll.readyVoid();
            }
            takeQueued();
            boolean isFlushed = pollFlush(cx);
            if (phase == Phase.OPEN && isCloseWritten && isInputDone) {
                startLinger();
                continue;
            }
            if (isEndOfStream && (isFlushed || !isCloseQueued)) {
                release(); // the peer is gone: nothing more can be exchanged
                continue;
            }
            if (!isEndOfStream) {
                Buffer in = stream.tryRead(cx);
                if (in != null || stream.isEndOfStream()) {
                    onBytes(in);
                    continue;
                }
            }
            if (pollTimer(cx)) {
                continue;
            }
            return Poll.pending();
        }
    }

    /** Step 6: a receive buffer (null at end of stream) through decoder, assembler and handler. */
    private void onBytes(Buffer in) {
        if (in == null) {
            isEndOfStream = true;
            isInputDone = true;
            notifyClose(CloseCode.ABNORMAL_CLOSURE, "connection ended without a close frame");
            isOpen = false;
            return;
        }
        lastReadNanos = System.nanoTime();
        try {
            while (!isInputDone && phase == Phase.OPEN) {
                switch (decoder.decode(in)) {
                    case Decoded.NeedMoreData more -> {
                        return;
                    }
                    case Violation v -> fail(v);
                    case FrameChunk chunk -> {
                        onAssembled(assembler.accept(chunk));
                        if (chunk.isSourceTaken()) {
                            return; // the message took the receive buffer itself, its last bytes
                        }
                    }
                }
            }
        } finally {
            in.release(); // after the input is done, its bytes are discarded (step 8)
        }
    }

    private void onAssembled(Assembled a) {
        switch (a) {
            case Assembled.Pending p -> {
            }
            case Assembled.Message m -> deliver(m);
            case Assembled.Control c -> {
                if (c.opcode() == FrameLayout.OPCODE_PING) {
                    if (!isCloseQueued) {
                        pendingPong = c.payload();
                    }
                } else if (!isCloseQueued) {
                    try {
                        handler.onPong(this, c.payload());
                    } catch (RuntimeException e) {
                        handlerFailed(e);
                    }
                }
            }
            case Assembled.Close c -> onPeerClose(c.payload());
            case Violation v -> fail(v);
        }
    }

    private void deliver(Assembled.Message m) {
        Buffer payload = m.payload();
        try {
            if (!isCloseQueued) { // after our close, data may still arrive; it is dropped (RFC 6455 §5.5.1)
                if (m.isText()) {
                    handler.onText(this, payload);
                } else {
                    handler.onBinary(this, payload);
                }
            }
        } catch (RuntimeException e) {
            handlerFailed(e);
        } finally {
            payload.release();
        }
    }

    /** Step 7a: the peer's close; answered with the same code (an empty close for none). */
    private void onPeerClose(ClosePayload close) {
        isInputDone = true;
        isOpen = false;
        notifyClose(close.code(), close.reason());
        if (!isCloseQueued) {
            queueClose(close.code(), "");
        }
    }

    /** Step 7b: a violation fails the connection with its code; nothing more is decoded. */
    private void fail(Violation v) {
        isInputDone = true;
        closeLocally(v.closeCode(), v.reason());
    }

    private void handlerFailed(RuntimeException e) {
        errors.accept(e);
        closeLocally(CloseCode.INTERNAL_ERROR, "handler failed");
    }

    /** Step 7c: we start the close (request, timeout, overflow, failure); the peer's close is awaited. */
    private void closeLocally(int code, String reason) {
        isOpen = false;
        notifyClose(code, reason);
        if (!isCloseQueued) {
            queueClose(code, reason);
        }
    }

    private void queueClose(int code, String reason) {
        isCloseQueued = true;
        isOpen = false;
        closeQueuedNanos = System.nanoTime();
        pendingPong = null;
        OutboundFrame f = frames.encodeClose(new ClosePayload(code, reason));
        closeHeader = f.header();
        sendQueue.add(f.byteSize());
        addReady(f.header(), f.payload());
    }

    private void notifyClose(int code, String reason) {
        if (isCloseNotified) {
            return;
        }
        isCloseNotified = true;
        try {
            handler.onClose(this, code, reason);
        } catch (RuntimeException e) {
            errors.accept(e);
        }
    }

    /** Moves sends from the shared queue to encoded frames; after our close, releases them instead. */
    private void takeQueued() {
        // Once our close is queued, an overflow (a sender that passed the isOpen check just before
        // the close) changes nothing: the entries are released below, and the close frame already
        // in `ready` must not be discarded with a backlog, or it would never be sent.
        if (sendQueue.takeOverflow() && !isCloseQueued) {
            discardUnsent();
            closeLocally(CloseCode.POLICY_VIOLATION, "send queue over " + options.highWatermarkBytes() + " bytes");
        }
        while (sendQueue.next()) {
            int opcode = sendQueue.opcode();
            if (isCloseQueued) {
                releaseEntry();
                continue;
            }
            if (opcode == FrameLayout.OPCODE_CLOSE) {
                closeLocally(sendQueue.closeCode(), sendQueue.closeReason());
                continue;
            }
            long entryBytes = sendQueue.entryBytes();
            encodeToReady(opcode, sendQueue.payload());
            sendQueue.add(lastReadyBytes - entryBytes);
        }
    }

    /** Drops the send queue's current entry: its bytes leave the count, its payload is released. */
    private void releaseEntry() {
        sendQueue.add(-sendQueue.entryBytes());
        Buffer payload = sendQueue.payload();
        if (payload != null) {
            payload.release();
        }
    }

    /** Encodes a message or ping to the end of {@code ready}; sets {@code lastReadyBytes}. */
    private void encodeToReady(int opcode, Buffer payload) {
        switch (opcode) {
            case FrameLayout.OPCODE_TEXT -> messages.encode(true, payload, toReady);
            case FrameLayout.OPCODE_BINARY -> messages.encode(false, payload, toReady);
            default -> frames.encode(opcode, true, false, payload, toReady);
        }
    }

    private void addReady(Buffer header, Buffer payload) {
        ready.addLast(header);
        ready.addLast(payload);
        lastReadyBytes = header.readableBytes() + payload.readableBytes();
    }

    /** Drops the frames not yet in a write (a slow peer's backlog) and everything still queued. */
    private void discardUnsent() {
        Buffer b;
        while ((b = ready.pollFirst()) != null) {
            sendQueue.add(-b.readableBytes());
            b.release();
        }
        while (sendQueue.next()) {
            releaseEntry();
        }
    }

    /** Writes batches of frames; true once nothing is left to write. */
    private boolean pollFlush(Context cx) throws IOException {
        while (true) {
            if (batchCount == 0 && !fillBatch()) {
                return true;
            }
            if (stream.tryWrite(cx, gather, gatherStarts, gatherStart, 2 * batchCount - gatherStart) == TcpStream.PENDING) {
                return false;
            }
            int end = 2 * batchCount;
            while (gatherStart < end && gatherStarts[gatherStart] == gather[gatherStart].writeIndex()) {
                gatherStart++;
            }
            // A frame leaves the count once written, not when its whole batch is: a slow socket
            // may take a batch piece by piece, and the watermarks should see that progress.
            for (; batchWritten < gatherStart / 2; batchWritten++) {
                sendQueue.add(-batchBytes[batchWritten]);
            }
            if (gatherStart == end) {
                completeBatch();
            }
        }
    }

    /** Collects the next frames into a write: a pong first (control frames go between messages). */
    private boolean fillBatch() {
        if (isCloseWritten) {
            return false;
        }
        int n = 0;
        byte[] pong = pendingPong;
        if (pong != null) {
            pendingPong = null;
            OutboundFrame f = frames.encodeControl(FrameLayout.OPCODE_PONG, pong);
            sendQueue.add(f.byteSize());
            gather[0] = f.header();
            gather[1] = f.payload();
            n++;
        }
        while (n < MAX_BATCH && !ready.isEmpty()) {
            Buffer header = ready.pollFirst();
            gather[2 * n] = header;
            gather[2 * n + 1] = ready.pollFirst();
            n++;
            if (header == closeHeader) {
                break;
            }
        }
        for (int i = 0; i < n; i++) {
            batchBytes[i] = gather[2 * i].readableBytes() + gather[2 * i + 1].readableBytes();
            gatherStarts[2 * i] = gather[2 * i].readIndex();
            gatherStarts[2 * i + 1] = gather[2 * i + 1].readIndex();
        }
        batchCount = n;
        gatherStart = 0;
        batchWritten = 0;
        return n > 0;
    }

    private void completeBatch() {
        for (int i = 0; i < batchCount; i++) {
            Buffer header = gather[2 * i];
            if (header == closeHeader) {
                isCloseWritten = true;
            }
            header.release();
            gather[2 * i + 1].release();
            gather[2 * i] = null;
            gather[2 * i + 1] = null;
        }
        batchCount = 0;
        gatherStart = 0;
        batchWritten = 0;
    }

    /** Step 8: our close is out and the peer's is in (or input failed): end our side, wait for theirs. */
    private void startLinger() throws IOException {
        phase = Phase.LINGER;
        lingerDeadlineNanos = System.nanoTime() + options.closeTimeout().toNanos();
        if (!isEndOfStream) {
            stream.shutdownOutput();
        }
    }

    /** Arms the timer for the nearest deadline; true if one passed and changed something. */
    private boolean pollTimer(Context cx) {
        while (true) {
            long deadline = nextDeadline();
            if (deadline == Long.MAX_VALUE) {
                return false;
            }
            if (timer == null || timer.deadlineNanos() - deadline > 0) {
                if (timer != null) {
                    timer.close();
                }
                timer = Time.sleepUntil(deadline);
            }
            if (timer.poll(cx) instanceof Poll.Pending) {
                return false;
            }
            timer.close();
            timer = null;
            if (onTimer(System.nanoTime())) {
                return true;
            }
        }
    }

    private long nextDeadline() {
        if (phase == Phase.LINGER) {
            return lingerDeadlineNanos;
        }
        if (isCloseQueued) {
            return closeQueuedNanos + options.closeTimeout().toNanos();
        }
        long next = Long.MAX_VALUE;
        long idle = options.idleTimeout().toNanos();
        if (idle > 0) {
            next = lastReadNanos + idle;
        }
        long ping = options.pingInterval().toNanos();
        if (ping > 0) {
            long at = Math.max(lastReadNanos, lastPingNanos) + ping;
            next = next == Long.MAX_VALUE || at - next < 0 ? at : next;
        }
        return next;
    }

    private boolean onTimer(long now) {
        if (phase == Phase.LINGER) {
            if (now - lingerDeadlineNanos >= 0) {
                release();
                return true;
            }
            return false;
        }
        if (isCloseQueued) {
            if (now - (closeQueuedNanos + options.closeTimeout().toNanos()) >= 0) {
                notifyClose(CloseCode.ABNORMAL_CLOSURE, "close handshake timed out");
                release();
                return true;
            }
            return false;
        }
        long idle = options.idleTimeout().toNanos();
        if (idle > 0 && now - (lastReadNanos + idle) >= 0) {
            closeLocally(CloseCode.GOING_AWAY, "idle timeout");
            return true;
        }
        long ping = options.pingInterval().toNanos();
        if (ping > 0 && now - (Math.max(lastReadNanos, lastPingNanos) + ping) >= 0) {
            lastPingNanos = now;
            OutboundFrame f = frames.encodeControl(FrameLayout.OPCODE_PING, new byte[0]);
            sendQueue.add(f.byteSize());
            addReady(f.header(), f.payload());
            return true;
        }
        return false;
    }

    /**
     * Step 9: releases every buffer the connection holds, closes the socket and drains the send
     * queue. Idempotent; the owner also calls it from the task's cleanup (abort, failure).
     */
    public void release() {
        if (phase == Phase.DONE && sendQueue.isFinished()) {
            return;
        }
        phase = Phase.DONE;
        isOpen = false;
        if (timer != null) {
            timer.close();
            timer = null;
        }
        if (leftover != null) {
            leftover.release();
            leftover = null;
        }
        for (int i = 0; i < 2 * batchCount; i++) {
            gather[i].release(); // the stream keeps its own reference while a write may still read them
        }
        java.util.Arrays.fill(gather, null);
        batchCount = 0;
        Buffer b;
        while ((b = ready.pollFirst()) != null) {
            b.release();
        }
        codec.close();
        stream.close();
        sendQueue.finish();
        if (!isCloseNotified) {
            notifyClose(CloseCode.ABNORMAL_CLOSURE, "connection ended");
        }
    }

    // ---- the session side (any thread) ---------------------------------------------------

    @Override
    public SendStatus sendText(Buffer utf8) {
        return enqueue(FrameLayout.OPCODE_TEXT, utf8);
    }

    @Override
    public SendStatus sendText(String text) {
        return enqueue(FrameLayout.OPCODE_TEXT, Messages.buffer(pool, text));
    }

    @Override
    public SendStatus sendBinary(Buffer data) {
        return enqueue(FrameLayout.OPCODE_BINARY, data);
    }

    @Override
    public SendStatus sendBinary(byte[] data) {
        return enqueue(FrameLayout.OPCODE_BINARY, Messages.buffer(pool, data));
    }

    @Override
    public SendStatus send(boolean isText, Buffer payload) {
        return enqueue(isText ? FrameLayout.OPCODE_TEXT : FrameLayout.OPCODE_BINARY, payload);
    }

    @Override
    public SendStatus ping(byte[] payload) {
        if (payload.length > FrameLayout.MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException("a ping carries at most 125 bytes, got " + payload.length);
        }
        return enqueue(FrameLayout.OPCODE_PING, Messages.buffer(pool, payload));
    }

    private SendStatus enqueue(int opcode, Buffer payload) {
        if (!isOpen) {
            payload.release();
            return SendStatus.CLOSED;
        }
        if (sendQueue.isPolledByCurrentThread() && sendQueue.isEmpty()) {
            return sendFromTask(opcode, payload);
        }
        return sendQueue.offer(opcode, payload);
    }

    /**
     * A send from the connection's own task (a handler answering a message, onOpen) while nothing
     * from other threads waits in the queue: encoded straight into {@code ready}, with no queue
     * entry. Ordered as the queue would order it: after everything queued before (nothing is), and
     * a sender racing with it on another thread is concurrent with it, so either order is right.
     */
    private SendStatus sendFromTask(int opcode, Buffer payload) {
        long size = payload.readableBytes();
        long after = sendQueue.reserve(size);
        if (after < 0) {
            payload.release();
            return SendStatus.OVERFLOW;
        }
        encodeToReady(opcode, payload);
        sendQueue.add(lastReadyBytes - size);
        return sendQueue.statusAt(after);
    }

    @Override
    public void close(int code, String reason) {
        if (!CloseCode.isValidOnWire(code)) {
            throw new IllegalArgumentException("close code " + code + " may not be sent");
        }
        if (reason.getBytes(StandardCharsets.UTF_8).length > ClosePayload.MAX_REASON_BYTES) {
            throw new IllegalArgumentException("close reason longer than 123 UTF-8 bytes");
        }
        if (!isOpen) {
            return;
        }
        isOpen = false;
        sendQueue.offerClose(code, reason);
    }

    @Override
    public boolean isOpen() {
        return isOpen;
    }

    @Override
    public String subprotocol() {
        return subprotocol;
    }

    @Override
    public boolean isCompressed() {
        return isCompressed;
    }

    @Override
    public java.util.Optional<java.net.InetSocketAddress> remoteAddress() {
        try {
            return java.util.Optional.of(stream.remoteAddress());
        } catch (java.io.IOException e) {
            return java.util.Optional.empty(); // the socket is already gone
        }
    }

    @Override
    public BufferPool pool() {
        return pool;
    }

    /** A snapshot for diagnostics; task-only fields may be stale when read from another thread. */
    @Override
    public String toString() {
        return "WebSocketConnection[phase=" + phase + ", open=" + isOpen + ", queuedBytes=" + sendQueue.queuedBytes()
                + ", sendQueue=" + sendQueue.size() + ", ready=" + ready.size() / 2 + ", batch=" + batchCount
                + ", closeQueued=" + isCloseQueued + ", inputDone=" + isInputDone + "]";
    }

    /** Bytes queued and not yet written (encoded frames, headers included). */
    public long queuedBytes() {
        return sendQueue.queuedBytes();
    }
}
