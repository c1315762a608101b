package dev.weft.runtime.sync;

/**
 * The other side of a channel is gone: thrown by a oneshot receiver whose sender closed without
 * sending, and by a send future whose receiver closed. One type for every channel in this package;
 * the message says which side closed and what was lost.
 */
public final class ChannelClosedException extends RuntimeException {

    public ChannelClosedException(String message) {
        super(message);
    }
}
