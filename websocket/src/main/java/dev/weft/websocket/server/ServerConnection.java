package dev.weft.websocket.server;

import dev.weft.http.ConnectionOutcome;
import dev.weft.http.Http1Connection;
import dev.weft.io.TcpStream;
import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;
import dev.weft.runtime.time.Sleep;
import dev.weft.runtime.time.Time;
import dev.weft.websocket.Role;
import dev.weft.websocket.session.ConnectionCodec;
import dev.weft.websocket.session.WebSocketConnection;
import java.io.IOException;

/**
 * One accepted connection, as one task: HTTP/1.1 until a WebSocket upgrade is accepted (steps 1
 * to 4 of the lifecycle in {@code package-info.java}), then the frame phase
 * ({@link WebSocketConnection}). A hand-written state machine; a cleanup registered on the
 * first poll releases every buffer and closes the socket however the task ends.
 */
final class ServerConnection implements Future<Void> {

    /** Room for HTTP responses; a larger one gets a buffer of its own size. */
    private static final int OUT_BYTES = 4096;

    private enum Phase { READ, WRITE, FRAMES, DONE }

    private final TcpStream stream;
    private final WebSocketServer server;
    private final BufferPool pool;
    private final Http1Connection http;

    /** Task only. What runs now. */
    private Phase phase = Phase.READ;
    /** Task only. What runs once {@code out} is written. */
    private Phase afterWrite;
    /** Task only. The receive buffer being parsed, or null; kept across a Flush. */
    private Buffer in;
    /** Task only. Response bytes to send; null once the frame phase starts. */
    private Buffer out;
    /** Task only. The frame phase, once the upgrade is accepted. */
    private WebSocketConnection frames;
    /** Task only. The cleanup is registered. */
    private boolean isStarted;
    /** Task only. Counted in the server's live WebSockets: from the upgrade until the cleanup. */
    private boolean isCounted;
    /** Task only. Ends the HTTP phase (a client that never upgrades holds no socket forever); null once framing. */
    private Sleep httpDeadline;

    ServerConnection(TcpStream stream, WebSocketServer server) {
        this.stream = stream;
        this.server = server;
        this.pool = server.pool();
        this.http = server.newHttpConnection();
    }

    @Override
    public Poll<Void> poll(Context cx) {
        if (!isStarted) {
            isStarted = true;
            cx.registerCleanup(this::cleanUp);
            out = pool.allocate(OUT_BYTES);
            httpDeadline = Time.sleep(server.httpPhaseTimeout());
        }
        try {
            while (true) {
                switch (phase) {
                    case FRAMES -> {
                        return frames.poll(cx);
                    }
                    case DONE -> {
                        cleanUp();
                        return Poll.readyVoid();
                    }
                    case WRITE -> {
                        if (out.readableBytes() > 0) {
                            if (stream.pollWrite(cx, out) instanceof Poll.Pending) {
                                return pendingOrTimedOut(cx);
                            }
                            continue;
                        }
                        out.clear();
                        phase = afterWrite;
                        if (phase == Phase.FRAMES) {
                            isCounted = true;
                            server.webSocketOpened();
                            out.release();
                            out = null;
                            httpDeadline.close();
                            httpDeadline = null;
                        }
                    }
                    case READ -> {
                        if (in == null) {
                            Poll<Buffer> r = stream.pollRead(cx);
                            if (!(r instanceof Poll.Ready<Buffer> ready)) {
                                return pendingOrTimedOut(cx);
                            }
                            if (ready.value() == null) {
                                phase = Phase.DONE;
                                continue;
                            }
                            in = ready.value();
                        }
                        onOutcome(http.onRead(in, out));
                    }
                }
            }
        } catch (IOException e) {
            cleanUp();
            return Poll.readyVoid();
        }
    }

    /** Pending, unless the HTTP phase has lasted too long: then the connection is closed. */
    private Poll<Void> pendingOrTimedOut(Context cx) {
        if (httpDeadline.poll(cx) instanceof Poll.Ready) {
            cleanUp();
            return Poll.readyVoid();
        }
        return Poll.pending();
    }

    /** Steps 2 and 3: what the HTTP layer asks for. */
    private void onOutcome(ConnectionOutcome outcome) {
        phase = Phase.WRITE;
        switch (outcome) {
            case ConnectionOutcome.ReadMore more -> {
                releaseIn();
                afterWrite = Phase.READ;
            }
            case ConnectionOutcome.Flush flush -> afterWrite = Phase.READ; // same input, once out is sent
            case ConnectionOutcome.Close close -> afterWrite = Phase.DONE;
            case ConnectionOutcome.Upgrade upgrade -> {
                UpgradeDecision decision;
                try (var request = upgrade.request()) {
                    decision = server.responder().decide(request);
                }
                switch (decision) {
                    case UpgradeDecision.Accept accept -> {
                        write(accept.response());
                        startFrames(accept);
                        afterWrite = Phase.FRAMES;
                    }
                    case UpgradeDecision.Reject reject -> {
                        write(reject.response());
                        afterWrite = Phase.DONE;
                    }
                }
            }
        }
    }

    /** Step 4: the codec for the agreement; the bytes after the request are the first frames. */
    private void startFrames(UpgradeDecision.Accept accept) {
        ConnectionCodec codec = ConnectionCodec.create(Role.SERVER, pool, server.options(),
                server.options().deflate(), accept.deflate());
        Buffer leftover = null;
        if (in.readableBytes() > 0) {
            leftover = in;
        } else {
            in.release();
        }
        in = null;
        http.close();
        frames = new WebSocketConnection(stream, pool, accept.handler(), server.options(), codec,
                accept.subprotocol(), accept.deflate() != null, leftover, server.errors());
    }

    private void write(byte[] response) {
        if (out.writableBytes() < response.length) {
            Buffer bigger = pool.allocate(out.readableBytes() + response.length);
            bigger.writeBytes(out.readBytes((int) out.readableBytes()));
            out.release();
            out = bigger;
        }
        out.writeBytes(response);
    }

    private void releaseIn() {
        if (in != null) {
            in.release();
            in = null;
        }
    }

    /** Step 9 for a connection that never upgraded, and the abort path of any. Idempotent. */
    private void cleanUp() {
        if (httpDeadline != null) {
            httpDeadline.close();
            httpDeadline = null;
        }
        releaseIn();
        if (out != null) {
            out.release();
            out = null;
        }
        http.close();
        if (frames != null) {
            frames.release();
        }
        stream.close();
        phase = Phase.DONE;
        if (isCounted) {
            isCounted = false;
            server.webSocketEnded();
        }
    }
}
