package dev.weft.gateway.broker;

import dev.weft.gateway.protocol.ClientInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Presence of a single node, in memory, with a TTL per entry. Thread-safe. */
public final class MemoryPresence implements PresenceManager {
    private record Entry(ClientInfo info, Instant expiresAt) {}

    private final InstantSource clock;
    private final Duration ttl;
    /** Channel to client id to entry; inner maps are changed only inside {@code compute}. */
    private final ConcurrentHashMap<String, Map<String, Entry>> channels = new ConcurrentHashMap<>();

    public MemoryPresence(InstantSource clock, Duration ttl) {
        if (!ttl.isPositive()) {
            throw new IllegalArgumentException("presence_ttl must be positive");
        }
        this.clock = clock;
        this.ttl = ttl;
    }

    @Override
    public void addPresence(String channel, String clientId, ClientInfo info) {
        Instant expiresAt = clock.instant().plus(ttl);
        channels.compute(channel, (ch, entries) -> {
            Map<String, Entry> m = entries == null ? new java.util.HashMap<>() : entries;
            m.put(clientId, new Entry(info, expiresAt));
            return m;
        });
    }

    @Override
    public void removePresence(String channel, String clientId) {
        channels.computeIfPresent(channel, (ch, entries) -> {
            entries.remove(clientId);
            return entries.isEmpty() ? null : entries;
        });
    }

    @Override
    public Map<String, ClientInfo> presence(String channel) {
        Map<String, ClientInfo> out = new TreeMap<>();
        Instant now = clock.instant();
        channels.computeIfPresent(channel, (ch, entries) -> {
            entries.values().removeIf(e -> !now.isBefore(e.expiresAt()));
            entries.forEach((client, e) -> out.put(client, e.info()));
            return entries.isEmpty() ? null : entries;
        });
        return out;
    }

    @Override
    public PresenceStats presenceStats(String channel) {
        Map<String, ClientInfo> live = presence(channel);
        Set<String> users = new HashSet<>();
        live.values().forEach(info -> users.add(info.user()));
        return new PresenceStats(live.size(), users.size());
    }
}
