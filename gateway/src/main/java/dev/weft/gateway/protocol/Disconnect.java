package dev.weft.gateway.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Why the server closes a connection. Applications may use 4000-4999 for their own
 * codes (4000-4499 reconnect, 4500-4999 terminal), as in Centrifugo.
 */
public record Disconnect(int code, String reason) {
    /** A WebSocket close reason must fit a control frame: 125 bytes minus the 2-byte code. */
    public static final int MAX_REASON_BYTES = 123;

    public Disconnect {
        if (code < 3000 || code > 4999) {
            throw new IllegalArgumentException("disconnect code must be in 3000..4999: " + code);
        }
        Objects.requireNonNull(reason, "reason");
        if (reason.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            throw new IllegalArgumentException("disconnect reason longer than " + MAX_REASON_BYTES + " bytes");
        }
    }

    /** Whether a client should reconnect after this disconnect (3000-3499, 4000-4499). */
    public boolean reconnect() {
        return (code >= 3000 && code < 3500) || (code >= 4000 && code < 4500);
    }
}
