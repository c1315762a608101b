package dev.weft.websocket.session;

import dev.weft.io.buffer.Buffer;

/**
 * One entry of a connection's cross-thread send queue: a message, ping or close request, not yet
 * encoded (encoding, and compression, happen on the connection's task).
 *
 * @param opcode a data or control opcode of {@link dev.weft.websocket.FrameLayout}
 * @param payload the message or ping body (owned by the entry), null for a close
 * @param queuedBytes what this entry added to the queued-bytes count
 * @param closeCode for a close request
 * @param closeReason for a close request
 */
record Outbound(int opcode, Buffer payload, long queuedBytes, int closeCode, String closeReason) {

    /** Releases the payload, if any. */
    void release() {
        if (payload != null) {
            payload.release();
        }
    }
}
