package dev.weft.gateway.broker;

import dev.weft.gateway.protocol.StreamPosition;

/** A stream position history cannot continue from; carries the stream's current top. */
public final class UnrecoverablePositionException extends Exception {
    private final StreamPosition top;

    public UnrecoverablePositionException(String message, StreamPosition top) {
        super(message);
        this.top = top;
    }

    public StreamPosition top() {
        return top;
    }
}
