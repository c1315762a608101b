package dev.weft.gateway.broker;

import dev.weft.gateway.protocol.Publication;
import dev.weft.gateway.protocol.StreamPosition;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One channel's history in memory: the newest publications (bounded by count and age),
 * the top offset and the epoch. Not thread-safe: {@link MemoryBroker} holds the stream's
 * monitor around every call.
 */
final class MemoryStream {
    private record Entry(Publication publication, Instant expiresAt) {}

    private final String epoch;
    /** Oldest first; offsets are consecutive. Written and read under the stream's monitor. */
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    /** Offset of the newest publication ever added, 0 before the first. Under the monitor. */
    private long top;
    /**
     * When the stream, with its epoch, is forgotten unless touched again. Written under the
     * monitor; volatile because the broker's map reads it without the monitor.
     */
    private volatile Instant metaExpiresAt;

    MemoryStream(String epoch, Instant metaExpiresAt) {
        this.epoch = epoch;
        this.metaExpiresAt = metaExpiresAt;
    }

    StreamPosition position() {
        return new StreamPosition(top, epoch);
    }

    String epoch() {
        return epoch;
    }

    boolean isMetaExpired(Instant now) {
        return !now.isBefore(metaExpiresAt);
    }

    void touch(Instant metaExpiresAt) {
        this.metaExpiresAt = metaExpiresAt;
    }

    Publication add(Publication publication, int maxSize, Instant expiresAt) {
        Publication stored = publication.withOffset(++top);
        entries.addLast(new Entry(stored, expiresAt));
        while (entries.size() > maxSize) {
            entries.removeFirst();
        }
        return stored;
    }

    void removeExpired(Instant now) {
        // Entries are added in time order but TTLs may differ between publishes, so scan all.
        entries.removeIf(e -> !now.isBefore(e.expiresAt()));
    }

    void clear() {
        entries.clear();
    }

    /** Offset of the oldest publication still kept, or top + 1 when none is. */
    long firstOffset() {
        return entries.isEmpty() ? top + 1 : entries.getFirst().publication().offset();
    }

    /** Publications with offset >= {@code fromOffset}, oldest first, at most {@code limit} (-1: all). */
    List<Publication> forward(long fromOffset, int limit) {
        List<Publication> out = new ArrayList<>();
        for (Entry e : entries) {
            if (limit >= 0 && out.size() >= limit) {
                break;
            }
            if (e.publication().offset() >= fromOffset) {
                out.add(e.publication());
            }
        }
        return out;
    }

    /** Publications with offset <= {@code toOffset}, newest first, at most {@code limit} (-1: all). */
    List<Publication> backward(long toOffset, int limit) {
        List<Publication> out = new ArrayList<>();
        Iterator<Entry> it = entries.descendingIterator();
        while (it.hasNext() && (limit < 0 || out.size() < limit)) {
            Publication p = it.next().publication();
            if (p.offset() <= toOffset) {
                out.add(p);
            }
        }
        return out;
    }
}
