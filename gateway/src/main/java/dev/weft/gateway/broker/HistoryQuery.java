package dev.weft.gateway.broker;

import dev.weft.gateway.protocol.StreamPosition;

/**
 * Which publications to read. {@code limit}: 0 returns none (only the stream top),
 * {@link #NO_LIMIT} all. {@code since}: null reads from the start (or, reversed, from the
 * end); otherwise publications after {@code since.offset()} (reversed: before it).
 */
public record HistoryQuery(int limit, StreamPosition since, boolean reverse) {
    public static final int NO_LIMIT = -1;

    public HistoryQuery {
        if (limit < NO_LIMIT) {
            throw new IllegalArgumentException("limit must be -1 (no limit) or more: " + limit);
        }
    }

    public static HistoryQuery topOnly() {
        return new HistoryQuery(0, null, false);
    }

    public static HistoryQuery since(StreamPosition position, int limit) {
        return new HistoryQuery(limit, position, false);
    }
}
