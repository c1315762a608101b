package dev.weft.gateway.broker;

import dev.weft.gateway.protocol.ClientInfo;
import dev.weft.gateway.protocol.Publication;
import dev.weft.gateway.protocol.StreamPosition;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The embedded broker of a single node: history in memory, delivery by direct call.
 * Thread-safe; each channel's stream is guarded by its own monitor, and a publication is
 * delivered to the event handler while that monitor is held, so per-channel delivery
 * order equals offset order (contract step 2 of {@link Broker}). The handler must
 * therefore never call back into this broker for the same channel while delivering.
 *
 * <p>Expiry is lazy: publications past their TTL and streams untouched for
 * {@code historyMetaTtl} disappear when next accessed, or on {@link #sweep()}.
 *
 * <p>Replacing or removing an expired stream happens inside the map's {@code compute},
 * which never takes a stream's monitor (so no lock-order cycle with publishers).
 * <ol>
 *   <li>A publisher or reader locks the stream, touches its expiry, then checks the map
 *       still holds it, else retries with the current stream. A {@code compute} that
 *       read the old expiry completed its removal before that check; one that reads
 *       after the touch keeps the stream. So nothing is ever added to a forgotten stream.</li>
 * </ol>
 */
public final class MemoryBroker implements Broker {
    private final InstantSource clock;
    private final Duration historyMetaTtl;
    private final Supplier<String> epochs;
    private final ConcurrentHashMap<String, MemoryStream> streams = new ConcurrentHashMap<>();
    /** Set once by the hub before use; read by publishing threads. */
    private volatile BrokerEventHandler handler;

    /**
     * @param historyMetaTtl how long a stream's epoch and top offset outlive its last
     *     publish or read; after that a client's position is unrecoverable
     * @param epochs makes the epoch of each new stream; must not repeat
     */
    public MemoryBroker(InstantSource clock, Duration historyMetaTtl, Supplier<String> epochs) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (!historyMetaTtl.isPositive()) {
            throw new IllegalArgumentException("history_meta_ttl must be positive");
        }
        this.historyMetaTtl = historyMetaTtl;
        this.epochs = Objects.requireNonNull(epochs, "epochs");
    }

    /** Random 8-character epochs and a 30-day stream lifetime. */
    public static MemoryBroker withDefaults(InstantSource clock) {
        return new MemoryBroker(clock, Duration.ofDays(30), Epochs::random);
    }

    @Override
    public void setEventHandler(BrokerEventHandler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    @Override
    public StreamPosition publish(String channel, Publication publication, PublishOptions options) {
        BrokerEventHandler h = handler();
        if (!options.keepsHistory()) {
            h.onPublication(channel, publication.withOffset(0), new StreamPosition(0, ""));
            return new StreamPosition(0, "");
        }
        Instant now = clock.instant();
        while (true) {
            MemoryStream stream = liveStream(channel, now);
            synchronized (stream) {
                // Touch before checking: a sweep that read the old expiry has already
                // removed the stream by now, one that reads after sees it live (step 1 of the class doc).
                stream.touch(now.plus(historyMetaTtl));
                if (streams.get(channel) != stream) {
                    continue;
                }
                stream.removeExpired(now);
                Publication stored = stream.add(publication, options.historySize(), now.plus(options.historyTtl()));
                StreamPosition position = stream.position();
                h.onPublication(channel, stored, position);
                return position;
            }
        }
    }

    @Override
    public void publishJoin(String channel, ClientInfo info) {
        handler().onJoin(channel, info);
    }

    @Override
    public void publishLeave(String channel, ClientInfo info) {
        handler().onLeave(channel, info);
    }

    @Override
    public HistoryResult history(String channel, HistoryQuery query) throws UnrecoverablePositionException {
        Instant now = clock.instant();
        while (true) {
            MemoryStream stream = liveStream(channel, now);
            synchronized (stream) {
                stream.touch(now.plus(historyMetaTtl));
                if (streams.get(channel) != stream) {
                    continue;
                }
                stream.removeExpired(now);
                return read(stream, query);
            }
        }
    }

    private static HistoryResult read(MemoryStream stream, HistoryQuery query) throws UnrecoverablePositionException {
        StreamPosition top = stream.position();
        StreamPosition since = query.since();
        if (query.limit() == 0) {
            checkEpoch(since, top);
            return new HistoryResult(List.of(), top);
        }
        if (since == null) {
            List<Publication> pubs = query.reverse()
                    ? stream.backward(top.offset(), query.limit())
                    : stream.forward(0, query.limit());
            return new HistoryResult(pubs, top);
        }
        checkEpoch(since, top);
        if (query.reverse()) {
            return new HistoryResult(stream.backward(since.offset() - 1, query.limit()), top);
        }
        if (since.offset() > top.offset()) {
            throw new UnrecoverablePositionException("offset " + since.offset() + " is beyond the top "
                    + top.offset(), top);
        }
        if (since.offset() < top.offset() && stream.firstOffset() > since.offset() + 1) {
            throw new UnrecoverablePositionException("history starts at " + stream.firstOffset()
                    + ", after " + since.offset(), top);
        }
        return new HistoryResult(stream.forward(since.offset() + 1, query.limit()), top);
    }

    private static void checkEpoch(StreamPosition since, StreamPosition top) throws UnrecoverablePositionException {
        if (since != null && !since.epoch().isEmpty() && !since.epoch().equals(top.epoch())) {
            throw new UnrecoverablePositionException("epoch " + since.epoch() + " is not the stream's "
                    + top.epoch(), top);
        }
    }

    @Override
    public void removeHistory(String channel) {
        MemoryStream stream = streams.get(channel);
        if (stream != null) {
            synchronized (stream) {
                stream.clear();
            }
        }
    }

    /** Forgets streams untouched for the meta TTL; for a periodic timer. */
    public void sweep() {
        Instant now = clock.instant();
        for (String channel : streams.keySet()) {
            streams.computeIfPresent(channel, (ch, stream) -> stream.isMetaExpired(now) ? null : stream);
        }
    }

    @Override
    public void subscribe(String channel) {
        // One node: every publication is already delivered locally.
    }

    @Override
    public void unsubscribe(String channel) {
        // One node: nothing to stop.
    }

    @Override
    public void close() {
        streams.clear();
    }

    /** The channel's stream, replacing one whose meta TTL passed with a new epoch. */
    private MemoryStream liveStream(String channel, Instant now) {
        return streams.compute(channel, (ch, existing) -> existing != null && !existing.isMetaExpired(now)
                ? existing
                : new MemoryStream(epochs.get(), now.plus(historyMetaTtl)));
    }

    private BrokerEventHandler handler() {
        BrokerEventHandler h = handler;
        if (h == null) {
            throw new IllegalStateException("setEventHandler was not called");
        }
        return h;
    }
}
