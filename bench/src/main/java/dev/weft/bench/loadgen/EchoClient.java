package dev.weft.bench.loadgen;

import dev.weft.io.TcpOptions;
import dev.weft.io.TcpStream;
import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;
import dev.weft.runtime.time.Sleep;
import dev.weft.runtime.time.Time;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/**
 * One connection of the echo scenario: waits for its ramp slot, connects, sends its
 * {@link EchoWire}'s handshake (WebSocket) and reads the reply, then sends a message and reads
 * until the whole echo is back, again and again until aborted.
 *
 * <p>Closed loop: the next message goes as soon as the echo is complete, latency from the
 * moment sending began. Open loop: message {@code k} is due at {@code first + k * interval};
 * it goes at that time, or at once when the previous echo came back late, and its latency is
 * counted from when it was due, so a stalled server is charged for the messages it kept the
 * generator from sending (wrk2's correction of coordinated omission).
 *
 * <p>The message buffer is allocated once and re-sent; a closed-loop message costs no
 * allocation. Abort-safe: a cleanup releases the buffer and closes the stream.
 */
final class EchoClient implements Future<Void> {

    private enum State { WAIT_SLOT, CONNECTING, HANDSHAKE_WRITING, HANDSHAKE_READING, WAIT_DUE, WRITING, READING }

    private final InetSocketAddress target;
    private final TcpOptions options;
    private final EchoWire wire;
    private final long intervalNanos;
    private final LoadStats stats;
    private final BufferPool pool;
    /** Everything below: only the connection's task. */
    private State state = State.WAIT_SLOT;
    private Sleep sleep;
    private Future<TcpStream> connecting;
    private TcpStream stream;
    private Buffer message;
    /** The handshake request while it is being sent. */
    private Buffer handshake;
    /** When the message in flight was due (open loop) or began sending (closed loop). */
    private long sentAtNanos;
    /** When the next open-loop message is due. */
    private long dueNanos;
    private boolean started;
    private boolean counted;

    EchoClient(InetSocketAddress target, TcpOptions options, EchoWire wire, long intervalNanos, long slotNanos,
               LoadStats stats, BufferPool pool) {
        this.target = target;
        this.options = options;
        this.wire = wire;
        this.intervalNanos = intervalNanos;
        this.stats = stats;
        this.pool = pool;
        this.sleep = Time.sleepUntil(slotNanos);
    }

    @Override
    public Poll<Void> poll(Context cx) {
        if (!started) {
            started = true;
            cx.registerCleanup(this::cleanUp);
        }
        try {
            while (true) {
                switch (state) {
                    case WAIT_SLOT -> {
                        if (sleep.poll(cx) instanceof Poll.Pending) {
                            return Poll.pending();
                        }
                        sleep = null;
                        connecting = TcpStream.connect(target, options);
                        state = State.CONNECTING;
                    }
                    case CONNECTING -> {
                        Poll<TcpStream> p;
                        try {
                            p = connecting.poll(cx);
                        } catch (UncheckedIOException e) {
                            stats.connectErrors.increment();
                            return Poll.readyVoid();
                        }
                        if (!(p instanceof Poll.Ready<TcpStream> r)) {
                            return Poll.pending();
                        }
                        connecting = null;
                        onConnected(r.value());
                    }
                    case HANDSHAKE_WRITING -> {
                        if (stream.pollWrite(cx, handshake) instanceof Poll.Pending) {
                            return Poll.pending();
                        }
                        if (handshake.readableBytes() == 0) {
                            handshake.release();
                            handshake = null;
                            state = State.HANDSHAKE_READING;
                        }
                    }
                    case HANDSHAKE_READING -> {
                        if (!(stream.pollRead(cx) instanceof Poll.Ready<Buffer> r)) {
                            return Poll.pending();
                        }
                        if (r.value() == null) {
                            return fail();
                        }
                        boolean accepted;
                        try {
                            accepted = wire.readHandshake(r.value());
                        } finally {
                            r.value().release();
                        }
                        if (accepted) {
                            onReady();
                        }
                    }
                    case WAIT_DUE -> {
                        long now = System.nanoTime();
                        if (now - dueNanos < 0) {
                            if (sleep == null) {
                                sleep = Time.sleepUntil(dueNanos);
                            }
                            if (sleep.poll(cx) instanceof Poll.Pending) {
                                return Poll.pending();
                            }
                            sleep = null;
                        }
                        startMessage(dueNanos);
                        dueNanos += intervalNanos;
                    }
                    case WRITING -> {
                        if (stream.pollWrite(cx, message) instanceof Poll.Pending) {
                            return Poll.pending();
                        }
                        if (message.readableBytes() == 0) {
                            state = State.READING;
                        }
                    }
                    case READING -> {
                        if (!(stream.pollRead(cx) instanceof Poll.Ready<Buffer> r)) {
                            return Poll.pending();
                        }
                        if (r.value() == null) {
                            return fail();
                        }
                        Buffer in = r.value();
                        boolean whole;
                        try {
                            stats.bytesReceived.add(in.readableBytes());
                            whole = wire.readEcho(in);
                        } finally {
                            in.release();
                        }
                        if (whole) {
                            stats.recordRoundTrip(System.nanoTime() - sentAtNanos);
                            nextMessage();
                        }
                    }
                }
            }
        } catch (IOException e) {
            stats.noteError(e);
            return fail();
        }
    }

    private void onConnected(TcpStream s) {
        stream = s;
        byte[] request = wire.handshakeRequest();
        if (request.length == 0) {
            onReady();
        } else {
            handshake = pool.allocate(request.length).writeBytes(request);
            state = State.HANDSHAKE_WRITING;
        }
    }

    /** Connected, and upgraded if the wire has a handshake: messages start. */
    private void onReady() {
        counted = true;
        stats.open.incrementAndGet();
        stats.connected.increment();
        message = pool.allocate(wire.messageWireBytes());
        wire.writeMessage(message);
        dueNanos = System.nanoTime();
        nextMessage();
    }

    private void nextMessage() {
        if (intervalNanos == 0) {
            startMessage(System.nanoTime());
        } else {
            state = State.WAIT_DUE;
        }
    }

    private void startMessage(long sentAt) {
        sentAtNanos = sentAt;
        wire.expectEcho();
        message.setIndexes(0, wire.messageWireBytes());
        stats.sent.increment();
        state = State.WRITING;
    }

    private Poll<Void> fail() {
        stats.ioErrors.increment();
        cleanUp();
        return Poll.readyVoid();
    }

    /** Runs once per ending however it ends; idempotent because {@link #fail} calls it too. */
    private void cleanUp() {
        if (sleep != null) {
            sleep.close();
            sleep = null;
        }
        if (message != null) {
            message.release();
            message = null;
        }
        if (handshake != null) {
            handshake.release();
            handshake = null;
        }
        if (stream != null) {
            stream.close();
        }
        if (counted) {
            counted = false;
            stats.open.decrementAndGet();
        }
    }
}
