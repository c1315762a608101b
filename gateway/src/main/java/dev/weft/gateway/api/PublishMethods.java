package dev.weft.gateway.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.weft.gateway.broker.PublishOptions;
import dev.weft.gateway.client.ClientProtocolHandler;
import dev.weft.gateway.hub.ChannelOptions;
import dev.weft.gateway.protocol.Publication;
import dev.weft.gateway.protocol.RawJson;
import dev.weft.gateway.protocol.StreamPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code publish} and {@code broadcast}: a publication from the server (no client info)
 * into one channel or each of several, kept in history unless {@code skip_history} or the
 * namespace keeps none, deduplicated by {@code idempotency_key}.
 */
final class PublishMethods {
    /** What both methods publish; {@code b64data} wins over {@code data}, as in Centrifugo. */
    private record Payload(RawJson data, String b64data, boolean skipHistory, Map<String, String> tags,
                           String idempotencyKey) {
        static Payload decode(ApiParams p) throws MalformedRequestException {
            return new Payload(p.raw("data"), p.string("b64data"), p.bool("skip_history"), p.stringMap("tags"),
                    p.string("idempotency_key"));
        }

        /** Error 107 when there is no payload or b64data is not base64 of a JSON value. */
        RawJson resolve() throws ApiException {
            RawJson resolved = Base64Payload.resolve(data, b64data);
            if (resolved == null) {
                throw new ApiException(ApiErrorCode.BAD_REQUEST);
            }
            return resolved;
        }
    }

    private final ClientProtocolHandler node;
    private final IdempotencyCache idempotency;

    PublishMethods(ClientProtocolHandler node, IdempotencyCache idempotency) {
        this.node = node;
        this.idempotency = idempotency;
    }

    ApiMethod publish() {
        return p -> {
            String channel = p.string("channel");
            Payload payload = Payload.decode(p);
            return () -> positionResult(publishTo(channel, payload));
        };
    }

    ApiMethod broadcast() {
        return p -> {
            List<String> channels = p.strings("channels");
            Payload payload = Payload.decode(p);
            return () -> {
                if (channels.isEmpty()) {
                    throw new ApiException(ApiErrorCode.BAD_REQUEST);
                }
                List<ApiCall.Result> responses = new ArrayList<>(channels.size());
                for (String channel : channels) {
                    responses.add(response(channel, payload));
                }
                return g -> {
                    g.writeStartObject();
                    g.writeArrayFieldStart("responses");
                    for (ApiCall.Result r : responses) {
                        r.write(g);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                };
            };
        };
    }

    /** One channel's entry of a broadcast: {@code {"result": {...}}} or {@code {"error": {...}}}. */
    private ApiCall.Result response(String channel, Payload payload) {
        try {
            ApiCall.Result result = positionResult(publishTo(channel, payload));
            return g -> {
                g.writeStartObject();
                g.writeFieldName("result");
                result.write(g);
                g.writeEndObject();
            };
        } catch (ApiException e) {
            return g -> {
                g.writeStartObject();
                g.writeFieldName("error");
                ApiJson.writeError(g, e.code());
                g.writeEndObject();
            };
        }
    }

    private StreamPosition publishTo(String channel, Payload payload) throws ApiException {
        ChannelOptions options = ApiChannels.optionsFor(node, channel);
        RawJson data = payload.resolve();
        PublishOptions history = payload.skipHistory() ? PublishOptions.NO_HISTORY : options.publishOptions();
        Publication publication = new Publication(0, data, null, payload.tags());
        Supplier<StreamPosition> publish = () -> node.broker().publish(channel, publication, history);
        return payload.idempotencyKey().isEmpty() ? publish.get()
                : idempotency.publishOnce(channel, payload.idempotencyKey(), publish);
    }

    /** {@code {"offset": N, "epoch": "..."}}, both left out for a publication kept in no history. */
    private static ApiCall.Result positionResult(StreamPosition position) {
        return (JsonGenerator g) -> {
            g.writeStartObject();
            if (position.offset() != 0) {
                g.writeNumberField("offset", position.offset());
            }
            if (!position.epoch().isEmpty()) {
                g.writeStringField("epoch", position.epoch());
            }
            g.writeEndObject();
        };
    }
}
