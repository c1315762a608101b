package dev.weft.websocket.session;

import dev.weft.io.buffer.Buffer;

/**
 * Callbacks of one WebSocket connection, server or client side. Every callback runs on the
 * connection's task, one at a time, in the order the frames arrived; a callback must not block.
 *
 * <p>Message buffers are lent for the call: valid until it returns. To keep or forward one,
 * {@code retain()} it (sending it through a {@link WebSocketSession} takes over that reference).
 * A callback that throws closes the connection with 1011 (internal error).
 */
public interface WebSocketHandler {

    /** The handshake is done; the session can send. */
    default void onOpen(WebSocketSession session) {
    }

    /** A complete text message, already checked to be UTF-8 (see {@link Messages#text(Buffer)}). */
    default void onText(WebSocketSession session, Buffer utf8) {
    }

    /** A complete binary message. */
    default void onBinary(WebSocketSession session, Buffer data) {
    }

    /** A pong arrived (the answer to a ping of ours, or unsolicited). Pings are answered without a callback. */
    default void onPong(WebSocketSession session, byte[] payload) {
    }

    /**
     * The connection is closing or closed; called exactly once. {@code code} is the peer's close
     * code (1005 if its close frame had none), the code we sent for a violation, timeout or full
     * send queue, or 1006 when the connection ended without a close frame.
     */
    default void onClose(WebSocketSession session, int code, String reason) {
    }
}
