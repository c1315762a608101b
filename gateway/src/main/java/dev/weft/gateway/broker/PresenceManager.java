package dev.weft.gateway.broker;

import dev.weft.gateway.protocol.ClientInfo;
import java.util.Map;

/**
 * Who is in each channel. An entry lives for the manager's TTL unless added again, so a
 * node that dies without cleaning up stops showing its clients; connections refresh
 * their entries periodically. Shared by all nodes in a Redis setup.
 */
public interface PresenceManager {
    void addPresence(String channel, String clientId, ClientInfo info);

    void removePresence(String channel, String clientId);

    /** Live entries keyed by client id. */
    Map<String, ClientInfo> presence(String channel);

    PresenceStats presenceStats(String channel);
}
