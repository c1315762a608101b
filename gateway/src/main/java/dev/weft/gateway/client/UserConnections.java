package dev.weft.gateway.client;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Connected clients per user on this node, for {@code client_user_connection_limit}. A user
 * is only in the map while it has a connection, so its size is bounded by the connections.
 */
final class UserConnections {
    private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();

    /** Counts one more connection of {@code user} unless it already has {@code limit}. */
    boolean tryAcquire(String user, int limit) {
        boolean[] acquired = new boolean[1];
        counts.compute(user, (u, n) -> {
            int current = n == null ? 0 : n;
            if (current >= limit) {
                return n;
            }
            acquired[0] = true;
            return current + 1;
        });
        return acquired[0];
    }

    void release(String user) {
        counts.computeIfPresent(user, (u, n) -> n <= 1 ? null : n - 1);
    }
}
