package dev.weft.gateway.protocol;

import java.util.Objects;

/**
 * The {@code error} object of a reply. Codes below 1000 other than the built-in
 * {@link ErrorCode}s are free for applications (an RPC handler may return its own).
 */
public record ReplyError(int code, String message, boolean temporary) {
    public ReplyError {
        if (code < 0) {
            throw new IllegalArgumentException("error code must be non-negative: " + code);
        }
        Objects.requireNonNull(message, "message");
    }
}
