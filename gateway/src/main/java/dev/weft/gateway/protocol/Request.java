package dev.weft.gateway.protocol;

import java.util.Map;
import java.util.Objects;

/**
 * The one request a {@link Command} carries, named as the field it arrives in
 * ({@code "connect"}, {@code "subscribe"}, ...). Strings a client left out are empty,
 * never null; payloads a client left out are null.
 */
public sealed interface Request {

    /** {@code connect}: the first command on a connection. */
    record Connect(String token, RawJson data, Map<String, Subscribe> subs, String name, String version,
                   Map<String, String> headers) implements Request {
        public Connect {
            Objects.requireNonNull(token, "token");
            subs = Map.copyOf(subs);
            headers = Map.copyOf(headers);
        }
    }

    /**
     * {@code subscribe}. With {@code recover}, {@code offset} and {@code epoch} are the
     * last position the client saw. {@code flag} bit 2 ({@link #FLAG_REJECT_UNRECOVERED})
     * asks for error 112 instead of a non-recovered success when the gap cannot be filled.
     */
    record Subscribe(String channel, String token, boolean recover, String epoch, long offset, RawJson data,
                     boolean positioned, boolean recoverable, boolean joinLeave, long flag) implements Request {
        public static final long FLAG_REJECT_UNRECOVERED = 2;

        public boolean rejectsUnrecovered() {
            return (flag & FLAG_REJECT_UNRECOVERED) != 0;
        }
    }

    record Unsubscribe(String channel) implements Request {}

    record Publish(String channel, RawJson data) implements Request {}

    record Presence(String channel) implements Request {}

    record PresenceStats(String channel) implements Request {}

    /** {@code history}; {@code since} is null when absent, {@code limit} 0 means "position only". */
    record History(String channel, int limit, StreamPosition since, boolean reverse) implements Request {}

    /** {@code ping}: a client-initiated round trip (protocol v1 clients; v2 clients answer server pings). */
    record Ping() implements Request {}

    /** {@code send}: an asynchronous message to the server; it gets no reply. */
    record Send(RawJson data) implements Request {}

    record Rpc(String method, RawJson data) implements Request {}

    /** {@code refresh}: a new connection token before the current one expires. */
    record Refresh(String token) implements Request {}

    /** {@code sub_refresh}: a new subscription token for a channel. */
    record SubRefresh(String channel, String token) implements Request {}

    /** An empty command {@code {}}: the client's answer to a server ping. */
    record Pong() implements Request {}
}
