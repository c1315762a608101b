package dev.weft.gateway.protocol;

import java.util.Objects;

/**
 * A place in a channel's publication stream: the offset of the last publication and the
 * epoch of the stream. A new epoch means the stream was lost and restarted (history
 * expired, broker restarted), so offsets from another epoch say nothing.
 */
public record StreamPosition(long offset, String epoch) {
    public StreamPosition {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be non-negative: " + offset);
        }
        Objects.requireNonNull(epoch, "epoch");
    }
}
