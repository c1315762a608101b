package dev.weft.gateway.api;

import dev.weft.gateway.client.Client;
import dev.weft.gateway.client.ClientProtocolHandler;
import dev.weft.gateway.protocol.Disconnect;
import dev.weft.gateway.protocol.DisconnectCode;
import dev.weft.gateway.protocol.RawJson;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code subscribe}, {@code unsubscribe}, {@code disconnect} and {@code refresh}: act on
 * the connections of a {@code user} on this node, or only on the one with id
 * {@code client}. Weft connections have no {@code session} id, so a request naming a
 * session matches no connection. A user with no connection here is not an error.
 */
final class UserMethods {
    /** Whose connections a request addresses. */
    private record Target(String user, String client, String session) {
        static Target decode(ApiParams p) throws MalformedRequestException {
            return new Target(p.string("user"), p.string("client"), p.string("session"));
        }
    }

    private final ClientProtocolHandler node;

    UserMethods(ClientProtocolHandler node) {
        this.node = node;
    }

    private List<Client> clients(Target t) {
        return t.session().isEmpty() ? node.registry().clients(t.user(), t.client()) : List.of();
    }

    ApiMethod subscribe() {
        return p -> {
            Target target = Target.decode(p);
            String channel = p.string("channel");
            RawJson data = p.raw("data");
            String b64data = p.string("b64data");
            RawJson info = p.raw("info");
            String b64info = p.string("b64info");
            long expireAt = p.integer("expire_at");
            return () -> {
                ApiChannels.optionsFor(node, channel);
                RawJson pushData = Base64Payload.resolve(data, b64data);
                RawJson chanInfo = Base64Payload.resolve(info, b64info);
                Optional<Instant> expiresAt = expireAt > 0 ? Optional.of(Instant.ofEpochSecond(expireAt)) : Optional.empty();
                for (Client c : clients(target)) {
                    c.subscribeByServer(channel, pushData, chanInfo, expiresAt);
                }
                return ApiCall.Result.EMPTY;
            };
        };
    }

    ApiMethod unsubscribe() {
        return p -> {
            Target target = Target.decode(p);
            String channel = p.string("channel");
            return () -> {
                ApiChannels.optionsFor(node, channel);
                for (Client c : clients(target)) {
                    c.unsubscribeByServer(channel);
                }
                return ApiCall.Result.EMPTY;
            };
        };
    }

    ApiMethod disconnect() {
        return p -> {
            Target target = Target.decode(p);
            Set<String> whitelist = Set.copyOf(p.strings("whitelist"));
            ApiParams custom = p.object("disconnect");
            long code = custom == null ? 0 : custom.integer("code");
            String reason = custom == null ? "" : custom.string("reason");
            return () -> {
                Disconnect d = custom == null ? DisconnectCode.FORCE_NO_RECONNECT.toDisconnect() : disconnect(code, reason);
                for (Client c : clients(target)) {
                    if (!whitelist.contains(c.clientId())) {
                        c.disconnectByServer(d);
                    }
                }
                return ApiCall.Result.EMPTY;
            };
        };
    }

    /** Error 107 unless the code is in 3000..4999 and the reason fits a close frame. */
    private static Disconnect disconnect(long code, String reason) throws ApiException {
        if (code < 3000 || code > 4999) {
            throw new ApiException(ApiErrorCode.BAD_REQUEST);
        }
        try {
            return new Disconnect((int) code, reason);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ApiErrorCode.BAD_REQUEST);
        }
    }

    ApiMethod refresh() {
        return p -> {
            Target target = Target.decode(p);
            boolean expired = p.bool("expired");
            long expireAt = p.integer("expire_at");
            return () -> {
                Optional<Instant> expiresAt = expireAt > 0 ? Optional.of(Instant.ofEpochSecond(expireAt)) : Optional.empty();
                for (Client c : clients(target)) {
                    if (expired) {
                        c.disconnectByServer(DisconnectCode.EXPIRED.toDisconnect());
                    } else {
                        c.refreshByServer(expiresAt);
                    }
                }
                return ApiCall.Result.EMPTY;
            };
        };
    }
}
