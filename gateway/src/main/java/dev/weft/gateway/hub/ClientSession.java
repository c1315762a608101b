package dev.weft.gateway.hub;

import dev.weft.gateway.protocol.Disconnect;

/**
 * The transport's side of one connection, as the hub and protocol handler see it.
 * Implementations are thread-safe: publications are enqueued from publishing threads
 * while the connection's own thread enqueues replies.
 */
public interface ClientSession {
    /**
     * Queues one encoded protocol message (no trailing newline; the transport joins
     * queued messages with {@code \n} into frames). Never blocks. The array is shared
     * with other sessions and must not be modified.
     *
     * @return false when the bounded write queue is full; the caller then disconnects
     *     the session with {@link dev.weft.gateway.protocol.DisconnectCode#SLOW}
     */
    boolean enqueue(byte[] message);

    /**
     * Queues a push shared with other sessions; the caller holds a reference to it for the
     * duration of the call. A transport that sends from pooled memory takes
     * {@link SharedMessage#pooled} so every session sends the same buffer.
     *
     * @return as {@link #enqueue(byte[])}
     */
    default boolean enqueue(SharedMessage message) {
        return enqueue(message.bytes());
    }

    /**
     * Closes the connection with {@code disconnect} after flushing what is queued;
     * idempotent. Called with hub locks held, so it must only start the close and
     * return: the transport calls {@code Client.close()} later from its own thread.
     */
    void disconnect(Disconnect disconnect);
}
