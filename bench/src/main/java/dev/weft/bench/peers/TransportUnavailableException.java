package dev.weft.bench.peers;

/** The requested native transport cannot run here; the message says why. */
final class TransportUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    TransportUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
