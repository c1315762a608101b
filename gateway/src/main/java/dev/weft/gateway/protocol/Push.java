package dev.weft.gateway.protocol;

import java.util.Objects;

/**
 * An asynchronous server-to-client message: a reply without id whose {@code push}
 * field names the channel (empty for connection-level pushes) and carries one of these.
 */
public sealed interface Push {
    /** The push field this travels in. */
    String field();

    record Pub(Publication publication) implements Push {
        public Pub {
            Objects.requireNonNull(publication, "publication");
        }

        @Override
        public String field() {
            return "pub";
        }
    }

    record Join(ClientInfo info) implements Push {
        @Override
        public String field() {
            return "join";
        }
    }

    record Leave(ClientInfo info) implements Push {
        @Override
        public String field() {
            return "leave";
        }
    }

    /**
     * The server ended a subscription. Codes 2000-2499 are final for the subscription;
     * 2500-2999 make the client resubscribe (Centrifugo's unsubscribe code ranges).
     */
    record Unsubscribe(int code, String reason) implements Push {
        public static final int SERVER = 2000;
        public static final int INSUFFICIENT_STATE = 2500;
        public static final int EXPIRED = 2501;

        @Override
        public String field() {
            return "unsubscribe";
        }
    }

    /** A server-side subscription was added while connected. */
    record Subscribe(boolean recoverable, String epoch, long offset, boolean positioned, RawJson data)
            implements Push {
        @Override
        public String field() {
            return "subscribe";
        }
    }

    /** An asynchronous message to the connection, outside any channel. */
    record Message(RawJson data) implements Push {
        @Override
        public String field() {
            return "message";
        }
    }

    /** The connect result on transports where the server connects the client itself. */
    record Connect(Result.Connect result) implements Push {
        @Override
        public String field() {
            return "connect";
        }
    }

    /** For transports without a close frame; WebSocket uses the close code and reason instead. */
    record Disconnect(dev.weft.gateway.protocol.Disconnect disconnect) implements Push {
        @Override
        public String field() {
            return "disconnect";
        }
    }

    record Refresh(boolean expires, long ttlSeconds) implements Push {
        @Override
        public String field() {
            return "refresh";
        }
    }
}
