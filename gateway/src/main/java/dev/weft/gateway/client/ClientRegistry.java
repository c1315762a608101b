package dev.weft.gateway.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connected clients of this node by user id and client id, for the server API's
 * operations on users (subscribe, unsubscribe, disconnect, refresh) and node counts.
 * A client is listed from its successful connect until {@link Client#close()}.
 * Anonymous connections are listed under the empty user id. Thread-safe.
 *
 * <p>Lock order: a client calls {@link #add}/{@link #remove} holding its own monitor;
 * the registry takes no lock a client could wait for (map bins only), and callers of
 * {@link #clients} act on the returned snapshot after the registry call has returned.
 */
public final class ClientRegistry {
    /** User id to client id to client. Inner maps appear and vanish only inside {@code compute}. */
    private final ConcurrentHashMap<String, Map<String, Client>> users = new ConcurrentHashMap<>();

    void add(String user, String clientId, Client client) {
        users.compute(user, (u, clients) -> {
            Map<String, Client> m = clients == null ? new ConcurrentHashMap<>() : clients;
            m.put(clientId, client);
            return m;
        });
    }

    void remove(String user, String clientId, Client client) {
        users.computeIfPresent(user, (u, clients) -> {
            clients.remove(clientId, client);
            return clients.isEmpty() ? null : clients;
        });
    }

    /**
     * A snapshot of {@code user}'s connected clients; only the one with id {@code clientId}
     * unless that is empty.
     */
    public List<Client> clients(String user, String clientId) {
        Map<String, Client> clients = users.get(user);
        if (clients == null) {
            return List.of();
        }
        if (clientId.isEmpty()) {
            return List.copyOf(clients.values());
        }
        Client c = clients.get(clientId);
        return c == null ? List.of() : List.of(c);
    }

    /** Connected clients; a moment's count, exact only when nothing connects or leaves. */
    public int clientCount() {
        int n = 0;
        for (Map<String, Client> clients : users.values()) {
            n += clients.size();
        }
        return n;
    }

    /** Distinct users with a connected client, the anonymous user counting as one. */
    public int userCount() {
        return users.size();
    }
}
