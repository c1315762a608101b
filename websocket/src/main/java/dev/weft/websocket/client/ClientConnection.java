package dev.weft.websocket.client;

import dev.weft.io.TcpStream;
import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;
import dev.weft.runtime.sync.Oneshot;
import dev.weft.websocket.Role;
import dev.weft.websocket.deflate.ClientNegotiation;
import dev.weft.websocket.deflate.DeflateParameters;
import dev.weft.websocket.handshake.Handshake;
import dev.weft.websocket.session.ConnectionCodec;
import dev.weft.websocket.session.WebSocketConnection;
import dev.weft.websocket.session.WebSocketHandler;
import dev.weft.websocket.session.WebSocketOptions;
import dev.weft.websocket.session.WebSocketSession;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Consumer;

/**
 * One client connection, as one task: connect, send the upgrade request, check the answer
 * (RFC 6455 §4.1), then the frame phase ({@link WebSocketConnection}, masking every frame).
 * The outcome of the handshake goes to {@code result}; a cleanup registered on the first poll
 * releases everything however the task ends.
 */
final class ClientConnection implements Future<Void> {

    /** A handshake answer longer than this is refused. */
    private static final int MAX_RESPONSE_HEAD_BYTES = 64 * 1024;
    private static final SecureRandom KEYS = new SecureRandom();

    /** What the connect future receives: the session, or why there is none. */
    record Result(WebSocketSession session, Throwable error) {
    }

    private enum Phase { CONNECT, WRITE_REQUEST, READ_RESPONSE, FRAMES, DONE }

    private final InetSocketAddress address;
    private final String hostHeader;
    private final String path;
    private final BufferPool pool;
    private final WebSocketOptions options;
    private final WebSocketHandler handler;
    private final Consumer<Throwable> errors;
    private final Oneshot.Sender<Result> result;
    private final String key;

    /** Task only. */
    private Phase phase = Phase.CONNECT;
    /** Task only. Connecting, until the stream is there. */
    private Future<TcpStream> connecting;
    /** Task only. */
    private TcpStream stream;
    /** Task only. The request bytes while they are written. */
    private Buffer out;
    /** Task only. Response head bytes received so far. */
    private byte[] head = new byte[1024];
    /** Task only. Bytes of {@code head} filled. */
    private int headLength;
    /** Task only. */
    private WebSocketConnection frames;
    /** Task only. */
    private boolean isStarted;
    /** Task only. {@code result} has been sent (it may be sent once). */
    private boolean isResultSent;

    ClientConnection(InetSocketAddress address, String hostHeader, String path, BufferPool pool,
                     WebSocketOptions options, WebSocketHandler handler, Consumer<Throwable> errors,
                     Oneshot.Sender<Result> result) {
        this.address = address;
        this.hostHeader = hostHeader;
        this.path = path;
        this.pool = pool;
        this.options = options;
        this.handler = handler;
        this.errors = errors;
        this.result = result;
        byte[] nonce = new byte[16];
        KEYS.nextBytes(nonce);
        this.key = Base64.getEncoder().encodeToString(nonce);
    }

    @Override
    public Poll<Void> poll(Context cx) {
        if (!isStarted) {
            isStarted = true;
            cx.registerCleanup(this::cleanUp);
            connecting = TcpStream.connect(address);
        }
        try {
            while (true) {
                switch (phase) {
                    case CONNECT -> {
                        if (!(connecting.poll(cx) instanceof Poll.Ready<TcpStream> r)) {
                            return Poll.pending();
                        }
                        stream = r.value();
                        stream.setNoDelay(true);
                        out = pool.allocate(1024);
                        out.writeBytes(request());
                        phase = Phase.WRITE_REQUEST;
                    }
                    case WRITE_REQUEST -> {
                        if (stream.pollWrite(cx, out) instanceof Poll.Pending) {
                            return Poll.pending();
                        }
                        if (out.readableBytes() == 0) {
                            out.release();
                            out = null;
                            phase = Phase.READ_RESPONSE;
                        }
                    }
                    case READ_RESPONSE -> {
                        if (!(stream.pollRead(cx) instanceof Poll.Ready<Buffer> r)) {
                            return Poll.pending();
                        }
                        if (r.value() == null) {
                            throw new WebSocketHandshakeException(0, "connection closed during the handshake");
                        }
                        onResponseBytes(r.value());
                    }
                    case FRAMES -> {
                        return frames.poll(cx);
                    }
                    case DONE -> {
                        return Poll.readyVoid();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            complete(new Result(null, e));
            cleanUp();
            return Poll.readyVoid();
        }
    }

    private byte[] request() {
        StringBuilder sb = new StringBuilder(256)
                .append("GET ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
                .append("Sec-WebSocket-Version: ").append(Handshake.VERSION).append("\r\n");
        if (!options.subprotocols().isEmpty()) {
            sb.append("Sec-WebSocket-Protocol: ").append(String.join(", ", options.subprotocols())).append("\r\n");
        }
        if (options.deflate() != null) {
            sb.append("Sec-WebSocket-Extensions: ").append(options.deflate().clientOffer()).append("\r\n");
        }
        return sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Collects the answer's head; once complete, checks it and starts the frame phase. */
    private void onResponseBytes(Buffer in) throws IOException {
        try {
            int n = (int) in.readableBytes();
            if (headLength + n > MAX_RESPONSE_HEAD_BYTES) {
                throw new WebSocketHandshakeException(0, "handshake answer head over " + MAX_RESPONSE_HEAD_BYTES + " bytes");
            }
            if (headLength + n > head.length) {
                head = Arrays.copyOf(head, Math.max(head.length * 2, headLength + n));
            }
            MemorySegment.copy(in.segment(), ValueLayout.JAVA_BYTE, in.readIndex(), head, headLength, n);
            headLength += n;
            in.advanceReadIndex(n);
        } finally {
            in.release();
        }
        int end = HandshakeResponse.headEnd(head, headLength);
        if (end < 0) {
            return;
        }
        HandshakeResponse response;
        try {
            response = HandshakeResponse.parse(head, end);
        } catch (IllegalArgumentException e) {
            throw new WebSocketHandshakeException(0, e.getMessage());
        }
        DeflateParameters agreed = check(response);
        Buffer leftover = null;
        if (end < headLength) {
            leftover = pool.allocate(headLength - end);
            leftover.writeBytes(Arrays.copyOfRange(head, end, headLength));
        }
        String protocol = response.get("sec-websocket-protocol");
        ConnectionCodec codec = ConnectionCodec.create(Role.CLIENT, pool, options, options.deflate(), agreed);
        frames = new WebSocketConnection(stream, pool, handler, options, codec, protocol == null ? "" : protocol,
                agreed != null, leftover, errors);
        head = null;
        phase = Phase.FRAMES;
        if (!complete(new Result(frames, null))) {
            frames.close(dev.weft.websocket.CloseCode.GOING_AWAY, "connect abandoned");
        }
    }

    /** RFC 6455 §4.1: the checks a client must make of the server's answer; returns the deflate agreement. */
    private DeflateParameters check(HandshakeResponse r) throws WebSocketHandshakeException {
        if (r.status() != 101) {
            throw new WebSocketHandshakeException(r.status(), "server answered " + r.status() + " " + r.reason());
        }
        if (!r.hasToken("upgrade", "websocket") || !r.hasToken("connection", "upgrade")) {
            throw new WebSocketHandshakeException(101, "101 without Upgrade: websocket and Connection: Upgrade");
        }
        if (!Handshake.acceptKey(key).equals(r.get("sec-websocket-accept"))) {
            throw new WebSocketHandshakeException(101, "wrong Sec-WebSocket-Accept");
        }
        String protocol = r.get("sec-websocket-protocol");
        if (protocol != null && !options.subprotocols().contains(protocol)) {
            throw new WebSocketHandshakeException(101, "server chose a subprotocol not offered: " + protocol);
        }
        String extensions = r.get("sec-websocket-extensions");
        if (extensions == null) {
            return null;
        }
        if (options.deflate() == null) {
            throw new WebSocketHandshakeException(101, "server agreed to extensions not offered: " + extensions);
        }
        return switch (options.deflate().acceptResponse(extensions)) {
            case ClientNegotiation.Agreed a -> a.parameters();
            case ClientNegotiation.Declined d -> throw new WebSocketHandshakeException(101,
                    "server agreed to extensions not offered: " + extensions);
            case ClientNegotiation.Failed f -> throw new WebSocketHandshakeException(101, f.reason());
        };
    }

    private void cleanUp() {
        phase = Phase.DONE;
        if (out != null) {
            out.release();
            out = null;
        }
        if (frames != null) {
            frames.release();
        } else if (stream != null) {
            stream.close();
        }
        complete(new Result(null, new IOException("connection task ended before the handshake completed")));
    }

    /** Sends the outcome once; false if the caller no longer waits. */
    private boolean complete(Result r) {
        if (isResultSent) {
            return true;
        }
        isResultSent = true;
        return result.send(r);
    }
}
