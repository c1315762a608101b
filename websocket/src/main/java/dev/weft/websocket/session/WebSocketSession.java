package dev.weft.websocket.session;

import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;

/**
 * The sending side of one open WebSocket connection. Every method may be called from any task or
 * thread: messages go to the connection's bounded send queue (see {@link SendStatus}) and its
 * task writes them in the order they were queued, with pongs and closes put between messages
 * (never inside one).
 *
 * <p>Methods taking a {@link Buffer} take over the caller's reference to it, whether or not the
 * message is queued. The connection sends the buffer's readable bytes without moving its
 * indexes, so to send one buffer to many sessions, pass each {@code buffer.retain()} (see
 * {@link Broadcast}); nobody may change the buffer's bytes or indexes while references are out.
 */
public interface WebSocketSession {

    /** Queues a text message; {@code utf8} must hold valid UTF-8 (it is not checked). */
    SendStatus sendText(Buffer utf8);

    /** Queues a text message. */
    SendStatus sendText(String text);

    /** Queues a binary message. */
    SendStatus sendBinary(Buffer data);

    /** Queues a binary message (copied into a pooled buffer). */
    SendStatus sendBinary(byte[] data);

    /** Queues a message of either kind. */
    SendStatus send(boolean isText, Buffer payload);

    /** Queues a ping carrying at most 125 bytes; the peer's pong arrives at {@link WebSocketHandler#onPong}. */
    SendStatus ping(byte[] payload);

    /**
     * Starts the close handshake with {@code code} (one that may be sent, see
     * {@link dev.weft.websocket.CloseCode#isValidOnWire}) and a reason of at most 123 UTF-8
     * bytes. Messages queued before are sent first; later sends return CLOSED. Idempotent.
     */
    void close(int code, String reason);

    /** False once a close was queued, received, or the connection ended. */
    boolean isOpen();

    /** The subprotocol agreed in the handshake, or "" when none. */
    String subprotocol();

    /** True if permessage-deflate was agreed in the handshake. */
    boolean isCompressed();

    /** The pool this connection's buffers come from, for building messages to send. */
    BufferPool pool();

    /** The peer's address, or empty when the transport cannot tell (for per-address limits). */
    default java.util.Optional<java.net.InetSocketAddress> remoteAddress() {
        return java.util.Optional.empty();
    }
}
