package dev.weft.gateway.api;

import dev.weft.gateway.client.ClientProtocolHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code channels} and {@code info}: what this node holds. Weft's {@code channels} adds
 * paging to Centrifugo's: channels come sorted by name; with {@code limit} N > 0 at most N
 * are returned, and {@code next_cursor} (the last name returned) is set when more remain,
 * to be passed back as {@code cursor} for the next page (names after it).
 */
final class NodeMethods {
    /** Who this node is in {@code info}. */
    record Identity(String uid, String name, Instant startedAt) {}

    private final ClientProtocolHandler node;
    private final Identity identity;

    NodeMethods(ClientProtocolHandler node, Identity identity) {
        this.node = node;
        this.identity = identity;
    }

    ApiMethod channels() {
        return p -> {
            String pattern = p.string("pattern");
            int limit = p.int32("limit");
            String cursor = p.string("cursor");
            return () -> {
                ChannelPattern glob;
                try {
                    glob = ChannelPattern.compile(pattern);
                } catch (IllegalArgumentException e) {
                    throw new ApiException(ApiErrorCode.BAD_REQUEST);
                }
                if (limit < 0) {
                    throw new ApiException(ApiErrorCode.BAD_REQUEST);
                }
                Map<String, Integer> counts = node.hub().channelSubscriberCounts();
                List<String> names = counts.keySet().stream()
                        .filter(ch -> cursor.isEmpty() || ch.compareTo(cursor) > 0)
                        .filter(glob::matches)
                        .sorted()
                        .toList();
                boolean hasMore = limit > 0 && names.size() > limit;
                List<String> page = hasMore ? names.subList(0, limit) : names;
                return g -> {
                    g.writeStartObject();
                    g.writeObjectFieldStart("channels");
                    for (String ch : page) {
                        g.writeObjectFieldStart(ch);
                        g.writeNumberField("num_clients", counts.get(ch));
                        g.writeEndObject();
                    }
                    g.writeEndObject();
                    if (hasMore) {
                        g.writeStringField("next_cursor", page.getLast());
                    }
                    g.writeEndObject();
                };
            };
        };
    }

    ApiMethod info() {
        return p -> () -> {
            Map<String, Integer> counts = node.hub().channelSubscriberCounts();
            int subscriptions = counts.values().stream().mapToInt(Integer::intValue).sum();
            int clients = node.registry().clientCount();
            int users = node.registry().userCount();
            long uptimeSeconds = Duration.between(identity.startedAt(), node.clock().instant()).toSeconds();
            return g -> {
                g.writeStartObject();
                g.writeArrayFieldStart("nodes");
                g.writeStartObject();
                g.writeStringField("uid", identity.uid());
                g.writeStringField("name", identity.name());
                g.writeStringField("version", node.version());
                g.writeNumberField("num_clients", clients);
                g.writeNumberField("num_users", users);
                g.writeNumberField("num_channels", counts.size());
                g.writeNumberField("uptime", uptimeSeconds);
                g.writeNumberField("num_subs", subscriptions);
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
            };
        };
    }
}
