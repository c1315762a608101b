package dev.weft.websocket.session;

import dev.weft.io.buffer.Buffer;

/**
 * Sends one message to many sessions without copying it: each session's frame holds a
 * {@code retainedDuplicate()} of the payload (its own read index, the shared memory and
 * reference count), and the memory returns to the pool once the last connection has written it.
 * Only a session with permessage-deflate, compressing the message, makes bytes of its own.
 */
public final class Broadcast {

    private Broadcast() {
    }

    /**
     * Queues {@code payload} to every session; takes over the caller's reference. Returns how many
     * sessions queued it (see {@link SendStatus#isQueued()}).
     */
    public static int send(Iterable<? extends WebSocketSession> sessions, boolean isText, Buffer payload) {
        int queued = 0;
        try {
            for (WebSocketSession s : sessions) {
                if (s.send(isText, payload.retainedDuplicate()).isQueued()) {
                    queued++;
                }
            }
        } finally {
            payload.release();
        }
        return queued;
    }
}
