package dev.weft.gateway.protocol;

/**
 * A frame or command that breaks the protocol. The connection is closed with
 * {@link DisconnectCode#BAD_REQUEST}; the message says what was wrong, for logs.
 */
public final class BadRequestException extends Exception {
    public BadRequestException(String message) {
        super(message);
    }
}
