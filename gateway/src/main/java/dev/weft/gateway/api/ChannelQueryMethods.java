package dev.weft.gateway.api;

import dev.weft.gateway.broker.HistoryQuery;
import dev.weft.gateway.broker.HistoryResult;
import dev.weft.gateway.broker.PresenceStats;
import dev.weft.gateway.broker.UnrecoverablePositionException;
import dev.weft.gateway.client.ClientProtocolHandler;
import dev.weft.gateway.hub.ChannelOptions;
import dev.weft.gateway.protocol.ClientInfo;
import dev.weft.gateway.protocol.Publication;
import dev.weft.gateway.protocol.StreamPosition;
import java.util.Map;

/**
 * {@code presence}, {@code presence_stats}, {@code history} and {@code history_remove}:
 * error 108 when the channel's namespace has no presence or no history.
 */
final class ChannelQueryMethods {
    private final ClientProtocolHandler node;

    ChannelQueryMethods(ClientProtocolHandler node) {
        this.node = node;
    }

    private ChannelOptions withPresence(String channel) throws ApiException {
        ChannelOptions options = ApiChannels.optionsFor(node, channel);
        if (!options.presence()) {
            throw new ApiException(ApiErrorCode.NOT_AVAILABLE);
        }
        return options;
    }

    private ChannelOptions withHistory(String channel) throws ApiException {
        ChannelOptions options = ApiChannels.optionsFor(node, channel);
        if (!options.hasHistory()) {
            throw new ApiException(ApiErrorCode.NOT_AVAILABLE);
        }
        return options;
    }

    ApiMethod presence() {
        return p -> {
            String channel = p.string("channel");
            return () -> {
                withPresence(channel);
                Map<String, ClientInfo> presence = node.presence().presence(channel);
                return g -> {
                    g.writeStartObject();
                    g.writeObjectFieldStart("presence");
                    for (Map.Entry<String, ClientInfo> e : presence.entrySet()) {
                        g.writeFieldName(e.getKey());
                        ApiJson.writeClientInfo(g, e.getValue());
                    }
                    g.writeEndObject();
                    g.writeEndObject();
                };
            };
        };
    }

    ApiMethod presenceStats() {
        return p -> {
            String channel = p.string("channel");
            return () -> {
                withPresence(channel);
                PresenceStats stats = node.presence().presenceStats(channel);
                return g -> {
                    g.writeStartObject();
                    g.writeNumberField("num_clients", stats.numClients());
                    g.writeNumberField("num_users", stats.numUsers());
                    g.writeEndObject();
                };
            };
        };
    }

    /**
     * {@code limit} 0 returns only the stream top, a negative one everything history keeps
     * (at most the namespace's history size either way); {@code since} from another epoch
     * or older than history reaches is error 112.
     */
    ApiMethod history() {
        return p -> {
            String channel = p.string("channel");
            int limit = p.int32("limit");
            ApiParams sinceParams = p.object("since");
            StreamPosition since = null;
            if (sinceParams != null) {
                long offset = sinceParams.integer("offset");
                if (offset < 0) {
                    throw new MalformedRequestException("field \"since.offset\" must not be negative");
                }
                since = new StreamPosition(offset, sinceParams.string("epoch"));
            }
            boolean reverse = p.bool("reverse");
            StreamPosition from = since;
            return () -> {
                ChannelOptions options = withHistory(channel);
                if (reverse && from != null && from.offset() == 0) {
                    throw new ApiException(ApiErrorCode.BAD_REQUEST);
                }
                int bounded = limit < 0 ? options.historySize() : Math.min(limit, options.historySize());
                HistoryResult r;
                try {
                    r = node.broker().history(channel, new HistoryQuery(bounded, from, reverse));
                } catch (UnrecoverablePositionException e) {
                    throw new ApiException(ApiErrorCode.UNRECOVERABLE_POSITION);
                }
                return g -> {
                    g.writeStartObject();
                    g.writeArrayFieldStart("publications");
                    for (Publication pub : r.publications()) {
                        ApiJson.writePublication(g, pub);
                    }
                    g.writeEndArray();
                    g.writeStringField("epoch", r.top().epoch());
                    g.writeNumberField("offset", r.top().offset());
                    g.writeEndObject();
                };
            };
        };
    }

    ApiMethod historyRemove() {
        return p -> {
            String channel = p.string("channel");
            return () -> {
                withHistory(channel);
                node.broker().removeHistory(channel);
                return ApiCall.Result.EMPTY;
            };
        };
    }
}
