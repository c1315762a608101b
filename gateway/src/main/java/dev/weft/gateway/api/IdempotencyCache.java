package dev.weft.gateway.api;

import dev.weft.gateway.protocol.StreamPosition;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Results of publishes made with an {@code idempotency_key}, per channel, for a window
 * (Centrifugo keeps them 5 minutes): a repeat within the window publishes nothing and
 * returns the first publish's offset and epoch. Thread-safe.
 *
 * <p>Concurrent publishes with one key: the first to insert its entry publishes; the
 * others wait for its result. A publish that fails removes its entry, so a retry may
 * publish. Expired entries are replaced when their key is used again and swept every
 * {@value #SWEEP_EVERY} inserts.
 */
final class IdempotencyCache {
    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
    private static final int SWEEP_EVERY = 1024;

    private record Key(String channel, String idempotencyKey) {}

    private record Entry(CompletableFuture<StreamPosition> result, Instant expiresAt) {
        boolean isExpired(Instant now) {
            return !now.isBefore(expiresAt);
        }
    }

    private final InstantSource clock;
    private final Duration window;
    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    /** Inserts since the last sweep; any thread. */
    private final AtomicInteger inserts = new AtomicInteger();

    IdempotencyCache(InstantSource clock, Duration window) {
        this.clock = clock;
        this.window = window;
    }

    /** Runs {@code publish} unless {@code key} was used on {@code channel} within the window. */
    StreamPosition publishOnce(String channel, String key, Supplier<StreamPosition> publish) {
        Instant now = clock.instant();
        Entry mine = new Entry(new CompletableFuture<>(), now.plus(window));
        Key k = new Key(channel, key);
        Entry winner = entries.compute(k, (kk, e) -> e == null || e.isExpired(now) ? mine : e);
        if (winner != mine) {
            try {
                return winner.result().join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        if (inserts.incrementAndGet() % SWEEP_EVERY == 0) {
            entries.entrySet().removeIf(e -> e.getValue().isExpired(now) && e.getValue().result().isDone());
        }
        try {
            StreamPosition position = publish.get();
            mine.result().complete(position);
            return position;
        } catch (RuntimeException e) {
            entries.remove(k, mine);
            mine.result().completeExceptionally(e);
            throw e;
        }
    }

    int size() {
        return entries.size();
    }
}
