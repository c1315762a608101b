package dev.weft.gateway.protocol;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One message in a channel. {@code offset} is its place in the channel's stream (0 when
 * the channel keeps no history); the epoch travels in subscribe and history results.
 * {@code info} is set when a client published it, else null.
 */
public record Publication(long offset, RawJson data, ClientInfo info, Map<String, String> tags) {
    public Publication {
        Objects.requireNonNull(data, "data");
        // Sorted, so a publication always encodes to the same bytes.
        tags = tags == null || tags.isEmpty() ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    }

    public Publication withOffset(long newOffset) {
        return new Publication(newOffset, data, info, tags);
    }
}
