package dev.weft.websocket.client;

import java.io.IOException;

/** The server refused the opening handshake, or answered in a way RFC 6455 §4.1 says to fail. */
public final class WebSocketHandshakeException extends IOException {

    /** The HTTP status of the answer, or 0 if the answer was not a response. */
    private final int status;

    public WebSocketHandshakeException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
