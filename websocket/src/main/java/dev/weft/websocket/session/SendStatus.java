package dev.weft.websocket.session;

/**
 * What {@link WebSocketSession#send} did with a message. Watermarks count the bytes queued for
 * the connection and not yet written to the socket (encoded frames, headers included).
 */
public enum SendStatus {
    /** Queued; the queue is at or below the low watermark. */
    QUEUED,
    /**
     * Queued; the queue is above the low watermark: the peer reads slower than we send. A
     * broadcaster may skip optional messages for this session until it reports QUEUED again.
     */
    SLOW,
    /**
     * Not queued: it would have taken the queue past the high watermark. The connection is
     * closed with 1008 (policy violation) and the buffer released.
     */
    OVERFLOW,
    /** Not queued: the session is closing or closed. The buffer was released. */
    CLOSED;

    /** True if the message will be sent. */
    public boolean isQueued() {
        return this == QUEUED || this == SLOW;
    }
}
