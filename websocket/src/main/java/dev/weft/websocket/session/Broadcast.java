package dev.weft.websocket.session;

import dev.weft.io.buffer.Buffer;

/**
 * Sends one message to many sessions without copying it and without an object per session:
 * each session's frame holds one reference to the same payload buffer (connections write a
 * payload by position and never move its indexes), and the memory returns to the pool once the
 * last connection has written it. Only a session with permessage-deflate, compressing the
 * message, makes bytes of its own.
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
                if (s.send(isText, payload.retain()).isQueued()) {
                    queued++;
                }
            }
        } finally {
            payload.release();
        }
        return queued;
    }
}
