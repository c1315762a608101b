package dev.weft.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.gateway.MutableClock;
import dev.weft.gateway.auth.TokenConfig;
import dev.weft.gateway.auth.TokenIssuer;
import dev.weft.gateway.auth.TokenVerifier;
import dev.weft.gateway.broker.MemoryBroker;
import dev.weft.gateway.broker.MemoryPresence;
import dev.weft.gateway.hub.ChannelConfig;
import dev.weft.gateway.hub.ChannelOptions;
import dev.weft.gateway.hub.RecordingSession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A gateway node for protocol tests, driven as the centrifuge JS client would drive it:
 * frames in, exact JSON out. Client ids are c1, c2, ... and stream epochs e1, e2, ...
 * so every byte is predictable. Namespaces: {@code chat} (history 3 for 60 s, recovery,
 * presence, join/leave, for subscribers), {@code open} (anyone may subscribe, publish,
 * ask history and presence, which it does not keep), {@code rec} (recovery on request),
 * {@code secret} (token only); top level: subscribe for clients, user-limited channels.
 */
final class Gateway {
    static final byte[] SECRET = "an-hmac-secret-of-at-least-32-bytes!".getBytes(StandardCharsets.US_ASCII);

    static final ChannelOptions CHAT = ChannelOptions.builder()
            .history(3, Duration.ofSeconds(60)).forceRecovery(true).presence(true).joinLeave(true)
            .allowSubscribeForClient(true).allowPublishForSubscriber(true).allowHistoryForSubscriber(true)
            .allowPresenceForSubscriber(true).build();
    static final ChannelOptions OPEN = ChannelOptions.builder()
            .allowSubscribeForClient(true).allowSubscribeForAnonymous(true).allowPublishForClient(true)
            .allowHistoryForClient(true).allowPresenceForClient(true).build();
    static final ChannelOptions RECOVERY_ON_REQUEST = ChannelOptions.builder()
            .history(10, Duration.ofSeconds(60)).allowRecovery(true).allowSubscribeForClient(true).build();

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    final TokenIssuer issuer = TokenIssuer.hs256(SECRET, clock);
    /** What the send handler received, as "client-id data". */
    final List<String> sent = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger clientSeq = new AtomicInteger();
    private final AtomicInteger epochSeq = new AtomicInteger();
    /** Replaced by {@link #rebuild}; only the test thread touches it. */
    private ClientProtocolHandler handler = build(HandlerConfig.defaults("0.1.0"), RpcHandler.METHOD_NOT_FOUND,
            (ctx, data) -> sent.add(ctx.clientId() + " " + data));

    /** A connection as its transport would drive it. */
    record Conn(Client client, RecordingSession session) {
        void frame(String frame) {
            client.handleFrame(frame.getBytes(StandardCharsets.UTF_8));
        }

        List<String> take() {
            return session.take();
        }
    }

    /** A node with other settings; call before opening connections. */
    void rebuild(HandlerConfig config, RpcHandler rpc, SendHandler send) {
        handler = build(config, rpc, send);
    }

    private ClientProtocolHandler build(HandlerConfig config, RpcHandler rpc, SendHandler send) {
        ChannelConfig channels = new ChannelConfig(ChannelOptions.builder().allowSubscribeForClient(true)
                .allowUserLimitedChannels(true).build(),
                Map.of("chat", CHAT, "open", OPEN, "secret", ChannelOptions.DEFAULT, "rec", RECOVERY_ON_REQUEST));
        return ClientProtocolHandler.builder()
                .config(config)
                .channels(channels)
                .tokens(new TokenVerifier(TokenConfig.hmac(SECRET), clock))
                .broker(new MemoryBroker(clock, Duration.ofMinutes(10), () -> "e" + epochSeq.incrementAndGet()))
                .presence(new MemoryPresence(clock, Duration.ofSeconds(60)))
                .rpc(rpc)
                .send(send)
                .clock(clock)
                .clientIds(() -> "c" + clientSeq.incrementAndGet())
                .build();
    }

    Conn open() {
        return open(new RecordingSession());
    }

    Conn open(RecordingSession session) {
        return new Conn(handler.open(session), session);
    }

    /** A connection on any session, for tests with their own transport. */
    Client openOn(dev.weft.gateway.hub.ClientSession session) {
        return handler.open(session);
    }

    String token(String user) {
        return issuer.connectionToken(user, Duration.ZERO, null, List.of());
    }

    /** Connects as {@code user} and checks the reply; the client id is c1, c2, ... */
    Conn connected(String user) {
        Conn c = open();
        c.frame("{\"connect\":{\"token\":\"" + token(user) + "\",\"name\":\"js\"},\"id\":1}");
        String id = "c" + clientSeq.get();
        assertThat(c.take()).containsExactly(
                "{\"id\":1,\"connect\":{\"client\":\"" + id + "\",\"version\":\"0.1.0\",\"ping\":25,\"pong\":true}}");
        return c;
    }

    int subscriberCount(String channel) {
        return handler.hub().subscriberCount(channel);
    }
}
