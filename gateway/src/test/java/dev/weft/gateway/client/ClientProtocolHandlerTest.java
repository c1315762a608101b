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
import dev.weft.gateway.protocol.DisconnectCode;
import dev.weft.gateway.protocol.ErrorCode;
import dev.weft.gateway.protocol.RawJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The protocol as a centrifuge JS client sees it: frames in, exact JSON out. Client ids
 * are c1, c2, ... and stream epochs e1, e2, ... so every byte is predictable.
 */
class ClientProtocolHandlerTest {
    private static final byte[] SECRET = "an-hmac-secret-of-at-least-32-bytes!".getBytes(StandardCharsets.US_ASCII);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    private final TokenIssuer issuer = TokenIssuer.hs256(SECRET, clock);
    private final AtomicInteger clientSeq = new AtomicInteger();
    private final AtomicInteger epochSeq = new AtomicInteger();
    private final List<String> sent = new ArrayList<>();

    private static final ChannelOptions CHAT = ChannelOptions.builder()
            .history(3, Duration.ofSeconds(60)).forceRecovery(true).presence(true).joinLeave(true)
            .allowSubscribeForClient(true).allowPublishForSubscriber(true).allowHistoryForSubscriber(true)
            .allowPresenceForSubscriber(true).build();
    private static final ChannelOptions OPEN = ChannelOptions.builder()
            .allowSubscribeForClient(true).allowSubscribeForAnonymous(true).allowPublishForClient(true)
            .allowHistoryForClient(true).allowPresenceForClient(true).build();
    private static final ChannelOptions RECOVERY_ON_REQUEST = ChannelOptions.builder()
            .history(10, Duration.ofSeconds(60)).allowRecovery(true).allowSubscribeForClient(true).build();

    private ClientProtocolHandler handler = handler(HandlerConfig.defaults("0.1.0"), RpcHandler.METHOD_NOT_FOUND,
            (ctx, data) -> sent.add(ctx.clientId() + " " + data));

    private ClientProtocolHandler handler(HandlerConfig config, RpcHandler rpc, SendHandler send) {
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

    /** A connection as its transport would drive it. */
    private record Conn(Client client, RecordingSession session) {
        void frame(String frame) {
            client.handleFrame(frame.getBytes(StandardCharsets.UTF_8));
        }

        List<String> take() {
            return session.take();
        }
    }

    private Conn open() {
        RecordingSession session = new RecordingSession();
        return new Conn(handler.open(session), session);
    }

    private String token(String user) {
        return issuer.connectionToken(user, Duration.ZERO, null, List.of());
    }

    /** Connects as {@code user} and checks the reply; the client id is c1, c2, ... */
    private Conn connected(String user) {
        Conn c = open();
        c.frame("{\"connect\":{\"token\":\"" + token(user) + "\",\"name\":\"js\"},\"id\":1}");
        String id = "c" + clientSeq.get();
        assertThat(c.take()).containsExactly(
                "{\"id\":1,\"connect\":{\"client\":\"" + id + "\",\"version\":\"0.1.0\",\"ping\":25,\"pong\":true}}");
        return c;
    }

    // ---- connect -------------------------------------------------------------------

    @Test
    void connectRepliesWithClientIdVersionAndPing() {
        connected("42");
    }

    @Test
    void connectWithExpiringTokenReportsTtl() {
        Conn c = open();
        String token = issuer.connectionToken("42", Duration.ofMinutes(2), RawJson.of("{\"n\":\"Ann\"}"), List.of());
        c.frame("{\"connect\":{\"token\":\"" + token + "\"},\"id\":1}");
        assertThat(c.take()).containsExactly(
                "{\"id\":1,\"connect\":{\"client\":\"c1\",\"version\":\"0.1.0\",\"expires\":true,\"ttl\":120,\"ping\":25,\"pong\":true}}");
    }

    @Test
    void expiredConnectionIsClosedWith3005() {
        Conn c = open();
        c.frame("{\"connect\":{\"token\":\"" + issuer.connectionToken("42", Duration.ofSeconds(30), null, List.of())
                + "\"},\"id\":1}");
        c.take();
        clock.advance(Duration.ofSeconds(29));
        c.client().checkExpiry();
        assertThat(c.session().disconnected()).isNull();
        clock.advance(Duration.ofSeconds(1));
        c.client().checkExpiry();
        assertThat(c.session().disconnected()).isEqualTo(DisconnectCode.EXPIRED.toDisconnect());
    }

    @Test
    void refreshExtendsTheConnection() {
        Conn c = open();
        c.frame("{\"connect\":{\"token\":\"" + issuer.connectionToken("42", Duration.ofSeconds(30), null, List.of())
                + "\"},\"id\":1}");
        c.take();
        clock.advance(Duration.ofSeconds(20));
        c.frame("{\"refresh\":{\"token\":\"" + issuer.connectionToken("42", Duration.ofSeconds(60), null, List.of())
                + "\"},\"id\":2}");
        assertThat(c.take()).containsExactly(
                "{\"id\":2,\"refresh\":{\"client\":\"c1\",\"version\":\"0.1.0\",\"expires\":true,\"ttl\":60}}");
        clock.advance(Duration.ofSeconds(30));
        c.client().checkExpiry();
        assertThat(c.session().disconnected()).isNull();
    }

    @Test
    void refreshForAnotherUserIsAnInvalidToken() {
        Conn c = connected("42");
        c.frame("{\"refresh\":{\"token\":\"" + token("43") + "\"},\"id\":2}");
        assertThat(c.session().disconnected()).isEqualTo(DisconnectCode.INVALID_TOKEN.toDisconnect());
    }

    @Test
    void invalidTokenDisconnectsWith3500() {
        Conn c = open();
        c.frame("{\"connect\":{\"token\":\"" + token("42") + "x\"},\"id\":1}");
        assertThat(c.take()).isEmpty();
        assertThat(c.session().disconnected()).isEqualTo(DisconnectCode.INVALID_TOKEN.toDisconnect());
    }

    @Test
    void expiredTokenGetsError109AndTheClientMayRetry() {
        Conn c = open();
        String expired = TokenIssuer.hs256(SECRET, java.time.InstantSource.fixed(clock.instant().minusSeconds(120)))
                .connectionToken("42", Duration.ofSeconds(60), null, List.of());
        c.frame("{\"connect\":{\"token\":\"" + expired + "\"},\"id\":1}");
        assertThat(c.take()).containsExactly("{\"id\":1,\"error\":{\"code\":109,\"message\":\"token expired\"}}");
        c.frame("{\"connect\":{\"token\":\"" + token("42") + "\"},\"id\":2}");
        assertThat(c.take()).containsExactly(
                "{\"id\":2,\"connect\":{\"client\":\"c1\",\"version\":\"0.1.0\",\"ping\":25,\"pong\":true}}");
    }

    @Test
    void connectWithoutTokenIsUnauthorizedUnlessAnonymousIsAllowed() {
        Conn c = open();
        c.frame("{\"connect\":{},\"id\":1}");
        assertThat(c.take()).containsExactly("{\"id\":1,\"error\":{\"code\":101,\"message\":\"unauthorized\"}}");

        handler = handler(new HandlerConfig("0.1.0", Duration.ofSeconds(25), 128, true, -1),
                RpcHandler.METHOD_NOT_FOUND, null);
        Conn anon = open();
        anon.frame("{\"connect\":{},\"id\":1}");
        assertThat(anon.take()).containsExactly(
                "{\"id\":1,\"connect\":{\"client\":\"c1\",\"version\":\"0.1.0\",\"ping\":25,\"pong\":true}}");
        anon.frame("{\"subscribe\":{\"channel\":\"open:x\"},\"id\":2}\n{\"subscribe\":{\"channel\":\"news\"},\"id\":3}");
        assertThat(anon.take()).containsExactly("{\"id\":2,\"subscribe\":{}}",
                "{\"id\":3,\"error\":{\"code\":103,\"message\":\"permission denied\"}}");
    }

    @Test
    void commandBeforeConnectIsABadRequest() {
        Conn c = open();
        c.frame("{\"subscribe\":{\"channel\":\"news\"},\"id\":1}");
        assertThat(c.take()).isEmpty();
        assertThat(c.session().disconnected()).isEqualTo(DisconnectCode.BAD_REQUEST.toDisconnect());
    }

    @Test
    void malformedFrameIsABadRequest() {
        Conn c = connected("42");
        c.frame("{\"subscribe\":");
        assertThat(c.session().disconnected()).isEqualTo(DisconnectCode.BAD_REQUEST.toDisconnect());
    }

    @Test
    void secondConnectIsABadRequest() {
        Conn c = connected("42");
        c.frame("{\"connect\":{\"token\":\"" + token("42") + "\"},\"id\":2}");
        assertThat(c.session().disconnected()).isEqualTo(DisconnectCode.BAD_REQUEST.toDisconnect());
    }

    @Test
    void commandWithoutIdIsABadRequest() {
        Conn c = connected("42");
        c.frame("{\"subscribe\":{\"channel\":\"news\"}}");
        assertThat(c.session().disconnected()).isEqualTo(DisconnectCode.BAD_REQUEST.toDisconnect());
    }

    @Test
    void commandsAfterADisconnectInTheSameFrameAreIgnored() {
        Conn c = connected("42");
        c.frame("{\"subscribe\":{\"channel\":\"\"},\"id\":2}\n{\"subscribe\":{\"channel\":\"news\"},\"id\":3}");
        assertThat(c.take()).isEmpty();
        assertThat(c.session().disconnected()).isEqualTo(DisconnectCode.BAD_REQUEST.toDisconnect());
        assertThat(handler.hub().subscriberCount("news")).isZero();
    }

    @Test
    void pongIsAcceptedOnlyAfterAPing() {
        Conn c = connected("42");
        c.client().onPingSent();
        assertThat(c.client().isAwaitingPong()).isTrue();
        c.frame("{}");
        assertThat(c.client().isAwaitingPong()).isFalse();
        assertThat(c.take()).isEmpty();
        assertThat(c.session().disconnected()).isNull();
        c.frame("{}");
        assertThat(c.session().disconnected()).isEqualTo(DisconnectCode.BAD_REQUEST.toDisconnect());
    }

    @Test
    void pingCommandGetsAnEmptyResult() {
        Conn c = connected("42");
        c.frame("{\"ping\":{},\"id\":2}");
        assertThat(c.take()).containsExactly("{\"id\":2,\"ping\":{}}");
    }

    // ---- subscribe and publish -----------------------------------------------------

    @Test
    void publicationReachesEverySubscriberWithPublisherInfo() {
        Conn a = connected("1");
        Conn b = connected("2");
        a.frame("{\"subscribe\":{\"channel\":\"open:news\",\"flag\":1},\"id\":2}");
        b.frame("{\"subscribe\":{\"channel\":\"open:news\"},\"id\":2}");
        assertThat(a.take()).containsExactly("{\"id\":2,\"subscribe\":{}}");
        assertThat(b.take()).containsExactly("{\"id\":2,\"subscribe\":{}}");
        b.frame("{\"publish\":{\"channel\":\"open:news\",\"data\":{\"input\":\"hi\"}},\"id\":3}");
        String push = "{\"push\":{\"channel\":\"open:news\",\"pub\":{\"data\":{\"input\":\"hi\"},"
                + "\"info\":{\"user\":\"2\",\"client\":\"c2\"}}}}";
        assertThat(a.take()).containsExactly(push);
        assertThat(b.take()).containsExactly(push, "{\"id\":3,\"publish\":{}}");
    }

    @Test
    void unsubscribeStopsDelivery() {
        Conn a = connected("1");
        a.frame("{\"subscribe\":{\"channel\":\"open:n\"},\"id\":2}");
        a.frame("{\"unsubscribe\":{\"channel\":\"open:n\"},\"id\":3}");
        a.frame("{\"publish\":{\"channel\":\"open:n\",\"data\":1},\"id\":4}");
        assertThat(a.take()).containsExactly("{\"id\":2,\"subscribe\":{}}", "{\"id\":3,\"unsubscribe\":{}}",
                "{\"id\":4,\"publish\":{}}");
        assertThat(handler.hub().subscriberCount("open:n")).isZero();
    }

    @Test
    void subscribeErrors() {
        Conn a = connected("1");
        a.frame("{\"subscribe\":{\"channel\":\"nope:x\"},\"id\":2}");
        a.frame("{\"subscribe\":{\"channel\":\"secret:x\"},\"id\":3}");
        a.frame("{\"subscribe\":{\"channel\":\"$news\"},\"id\":4}");
        a.frame("{\"subscribe\":{\"channel\":\"news\"},\"id\":5}");
        a.frame("{\"subscribe\":{\"channel\":\"news\"},\"id\":6}");
        a.frame("{\"subscribe\":{\"channel\":\"dialog#1,2\"},\"id\":7}");
        a.frame("{\"subscribe\":{\"channel\":\"dialog#3,4\"},\"id\":8}");
        assertThat(a.take()).containsExactly(
                "{\"id\":2,\"error\":{\"code\":102,\"message\":\"unknown channel\"}}",
                "{\"id\":3,\"error\":{\"code\":103,\"message\":\"permission denied\"}}",
                "{\"id\":4,\"error\":{\"code\":103,\"message\":\"permission denied\"}}",
                "{\"id\":5,\"subscribe\":{}}",
                "{\"id\":6,\"error\":{\"code\":105,\"message\":\"already subscribed\"}}",
                "{\"id\":7,\"subscribe\":{}}",
                "{\"id\":8,\"error\":{\"code\":103,\"message\":\"permission denied\"}}");
    }

    @Test
    void channelLimitGivesError106() {
        handler = handler(new HandlerConfig("0.1.0", Duration.ofSeconds(25), 1, false, -1), RpcHandler.METHOD_NOT_FOUND, null);
        Conn a = connected("1");
        a.frame("{\"subscribe\":{\"channel\":\"a\"},\"id\":2}\n{\"subscribe\":{\"channel\":\"b\"},\"id\":3}");
        assertThat(a.take()).containsExactly("{\"id\":2,\"subscribe\":{}}",
                "{\"id\":3,\"error\":{\"code\":106,\"message\":\"limit exceeded\"}}");
    }

    @Test
    void privateChannelWithSubscriptionToken() {
        Conn a = connected("1");
        String tok = issuer.subscriptionToken("1", "$secret:x", Duration.ofMinutes(1), RawJson.of("{\"r\":\"admin\"}"));
        a.frame("{\"subscribe\":{\"channel\":\"$secret:x\",\"token\":\"" + tok + "\"},\"id\":2}");
        assertThat(a.take()).containsExactly("{\"id\":2,\"subscribe\":{\"expires\":true,\"ttl\":60}}");
        assertThat(a.client().channels()).containsExactly("$secret:x");
    }

    @Test
    void subscriptionTokenForAnotherChannelOrUserIsInvalid() {
        Conn a = connected("1");
        a.frame("{\"subscribe\":{\"channel\":\"$secret:x\",\"token\":\""
                + issuer.subscriptionToken("1", "$secret:y", Duration.ZERO, null) + "\"},\"id\":2}");
        assertThat(a.session().disconnected()).isEqualTo(DisconnectCode.INVALID_TOKEN.toDisconnect());

        Conn b = connected("2");
        b.frame("{\"subscribe\":{\"channel\":\"$secret:x\",\"token\":\""
                + issuer.subscriptionToken("1", "$secret:x", Duration.ZERO, null) + "\"},\"id\":2}");
        assertThat(b.session().disconnected()).isEqualTo(DisconnectCode.INVALID_TOKEN.toDisconnect());
    }

    @Test
    void expiredSubscriptionTokenGetsError109() {
        Conn a = connected("1");
        String expired = TokenIssuer.hs256(SECRET, java.time.InstantSource.fixed(clock.instant().minusSeconds(60)))
                .subscriptionToken("1", "$secret:x", Duration.ofSeconds(10), null);
        a.frame("{\"subscribe\":{\"channel\":\"$secret:x\",\"token\":\"" + expired + "\"},\"id\":2}");
        assertThat(a.take()).containsExactly("{\"id\":2,\"error\":{\"code\":109,\"message\":\"token expired\"}}");
    }

    @Test
    void expiredSubscriptionIsUnsubscribedUnlessRefreshed() {
        Conn a = connected("1");
        a.frame("{\"subscribe\":{\"channel\":\"$secret:x\",\"token\":\""
                + issuer.subscriptionToken("1", "$secret:x", Duration.ofSeconds(30), null) + "\"},\"id\":2}");
        a.frame("{\"subscribe\":{\"channel\":\"$secret:y\",\"token\":\""
                + issuer.subscriptionToken("1", "$secret:y", Duration.ofSeconds(30), null) + "\"},\"id\":3}");
        a.take();
        a.frame("{\"sub_refresh\":{\"channel\":\"$secret:y\",\"token\":\""
                + issuer.subscriptionToken("1", "$secret:y", Duration.ofSeconds(90), null) + "\"},\"id\":4}");
        assertThat(a.take()).containsExactly("{\"id\":4,\"sub_refresh\":{\"expires\":true,\"ttl\":90}}");
        clock.advance(Duration.ofSeconds(30));
        a.client().checkExpiry();
        assertThat(a.take()).containsExactly(
                "{\"push\":{\"channel\":\"$secret:x\",\"unsubscribe\":{\"code\":2501,\"reason\":\"subscription expired\"}}}");
        assertThat(a.client().channels()).containsExactly("$secret:y");
    }

    @Test
    void publishPermissions() {
        Conn a = connected("1");
        a.frame("{\"publish\":{\"channel\":\"chat:r\",\"data\":1},\"id\":2}");
        a.frame("{\"publish\":{\"channel\":\"news\",\"data\":1},\"id\":3}");
        a.frame("{\"publish\":{\"channel\":\"nope:r\",\"data\":1},\"id\":4}");
        assertThat(a.take()).containsExactly(
                "{\"id\":2,\"error\":{\"code\":103,\"message\":\"permission denied\"}}",
                "{\"id\":3,\"error\":{\"code\":103,\"message\":\"permission denied\"}}",
                "{\"id\":4,\"error\":{\"code\":102,\"message\":\"unknown channel\"}}");
        a.frame("{\"publish\":{\"channel\":\"open:r\"},\"id\":5}");
        assertThat(a.session().disconnected()).isEqualTo(DisconnectCode.BAD_REQUEST.toDisconnect());
    }

    @Test
    void slowSubscriberIsDisconnectedWithoutStoppingOthers() {
        Conn fast = connected("1");
        RecordingSession slowSession = new RecordingSession(3);
        Conn slow = new Conn(handler.open(slowSession), slowSession);
        slow.frame("{\"connect\":{\"token\":\"" + token("2") + "\"},\"id\":1}");
        slow.frame("{\"subscribe\":{\"channel\":\"open:t\"},\"id\":2}");
        fast.frame("{\"subscribe\":{\"channel\":\"open:t\"},\"id\":2}");
        fast.take();
        for (int i = 1; i <= 5; i++) {
            fast.frame("{\"publish\":{\"channel\":\"open:t\",\"data\":" + i + "},\"id\":" + (2 + i) + "}");
        }
        assertThat(slowSession.disconnected()).isEqualTo(DisconnectCode.SLOW.toDisconnect());
        assertThat(slow.take()).hasSize(3);
        assertThat(fast.take()).hasSize(10);
        slow.client().close();
        assertThat(handler.hub().subscriberCount("open:t")).isEqualTo(1);
    }

    // ---- server-side subscriptions ---------------------------------------------------

    @Test
    void tokenChannelsBecomeServerSideSubscriptionsInTheConnectReply() {
        Conn c = open();
        String tok = issuer.connectionToken("7", Duration.ZERO, null, List.of("chat:lobby", "$inbox7"));
        c.frame("{\"connect\":{\"token\":\"" + tok + "\"},\"id\":1}");
        assertThat(c.take()).containsExactly("{\"id\":1,\"connect\":{\"client\":\"c1\",\"version\":\"0.1.0\","
                + "\"subs\":{\"$inbox7\":{},\"chat:lobby\":{\"recoverable\":true,\"epoch\":\"e1\",\"positioned\":true}},"
                + "\"ping\":25,\"pong\":true}}",
                "{\"push\":{\"channel\":\"chat:lobby\",\"join\":{\"info\":{\"user\":\"7\",\"client\":\"c1\"}}}}");
        Conn other = connected("8");
        other.frame("{\"subscribe\":{\"channel\":\"chat:lobby\"},\"id\":2}");
        other.frame("{\"publish\":{\"channel\":\"chat:lobby\",\"data\":\"x\"},\"id\":3}");
        assertThat(c.take()).containsExactly(
                "{\"push\":{\"channel\":\"chat:lobby\",\"join\":{\"info\":{\"user\":\"8\",\"client\":\"c2\"}}}}",
                "{\"push\":{\"channel\":\"chat:lobby\",\"pub\":{\"data\":\"x\",\"info\":{\"user\":\"8\",\"client\":\"c2\"},\"offset\":1}}}");
    }

    @Test
    void serverSideSubscriptionsRecoverOnReconnect() {
        String tok = issuer.connectionToken("7", Duration.ZERO, null, List.of("chat:lobby"));
        Conn publisher = connected("8");
        publisher.frame("{\"subscribe\":{\"channel\":\"chat:lobby\"},\"id\":2}");
        publisher.frame("{\"publish\":{\"channel\":\"chat:lobby\",\"data\":1},\"id\":3}");
        publisher.frame("{\"publish\":{\"channel\":\"chat:lobby\",\"data\":2},\"id\":4}");
        Conn c = open();
        c.frame("{\"connect\":{\"token\":\"" + tok + "\",\"subs\":{\"chat:lobby\":{\"recover\":true,\"offset\":1,"
                + "\"epoch\":\"e1\"}}},\"id\":1}");
        assertThat(c.take()).containsExactly("{\"id\":1,\"connect\":{\"client\":\"c2\",\"version\":\"0.1.0\","
                + "\"subs\":{\"chat:lobby\":{\"recoverable\":true,\"epoch\":\"e1\",\"publications\":[{\"data\":2,"
                + "\"info\":{\"user\":\"8\",\"client\":\"c1\"},\"offset\":2}],\"recovered\":true,\"offset\":1,"
                + "\"positioned\":true,\"was_recovering\":true}},\"ping\":25,\"pong\":true}}",
                "{\"push\":{\"channel\":\"chat:lobby\",\"join\":{\"info\":{\"user\":\"7\",\"client\":\"c2\"}}}}");
    }

    @Test
    void unknownNamespaceInTokenChannelsFailsTheConnect() {
        Conn c = open();
        c.frame("{\"connect\":{\"token\":\"" + issuer.connectionToken("7", Duration.ZERO, null, List.of("chat:a", "nope:x"))
                + "\"},\"id\":1}");
        assertThat(c.take()).containsExactly("{\"id\":1,\"error\":{\"code\":102,\"message\":\"unknown channel\"}}");
        assertThat(handler.hub().subscriberCount("chat:a")).isZero();
    }

    // ---- join, leave, presence -------------------------------------------------------

    @Test
    void joinLeaveAndPresence() {
        Conn a = connected("1");
        Conn b = connected("2");
        a.frame("{\"subscribe\":{\"channel\":\"chat:r\",\"join_leave\":true},\"id\":2}");
        a.take();
        b.frame("{\"subscribe\":{\"channel\":\"chat:r\"},\"id\":2}");
        b.take();
        assertThat(a.take()).containsExactly(
                "{\"push\":{\"channel\":\"chat:r\",\"join\":{\"info\":{\"user\":\"2\",\"client\":\"c2\"}}}}");
        a.frame("{\"presence\":{\"channel\":\"chat:r\"},\"id\":3}");
        a.frame("{\"presence_stats\":{\"channel\":\"chat:r\"},\"id\":4}");
        assertThat(a.take()).containsExactly(
                "{\"id\":3,\"presence\":{\"presence\":{\"c1\":{\"user\":\"1\",\"client\":\"c1\"},"
                        + "\"c2\":{\"user\":\"2\",\"client\":\"c2\"}}}}",
                "{\"id\":4,\"presence_stats\":{\"num_clients\":2,\"num_users\":2}}");
        b.client().close();
        assertThat(a.take()).containsExactly(
                "{\"push\":{\"channel\":\"chat:r\",\"leave\":{\"info\":{\"user\":\"2\",\"client\":\"c2\"}}}}");
        a.frame("{\"presence_stats\":{\"channel\":\"chat:r\"},\"id\":5}");
        assertThat(a.take()).containsExactly("{\"id\":5,\"presence_stats\":{\"num_clients\":1,\"num_users\":1}}");
    }

    @Test
    void presenceLastsWhileTheConnectionUpdatesIt() {
        Conn a = connected("1");
        Conn b = connected("2");
        a.frame("{\"subscribe\":{\"channel\":\"chat:r\"},\"id\":2}");
        b.frame("{\"subscribe\":{\"channel\":\"chat:r\"},\"id\":2}");
        a.take();
        clock.advance(Duration.ofSeconds(40));
        a.client().updatePresence();
        clock.advance(Duration.ofSeconds(40));
        a.frame("{\"presence_stats\":{\"channel\":\"chat:r\"},\"id\":3}");
        assertThat(a.take()).containsExactly("{\"id\":3,\"presence_stats\":{\"num_clients\":1,\"num_users\":1}}");
    }

    @Test
    void presenceAndHistoryNeedTheFeatureAndPermission() {
        Conn a = connected("1");
        a.frame("{\"presence\":{\"channel\":\"open:x\"},\"id\":2}");
        a.frame("{\"history\":{\"channel\":\"open:x\"},\"id\":3}");
        a.frame("{\"presence\":{\"channel\":\"chat:x\"},\"id\":4}");
        a.frame("{\"history\":{\"channel\":\"chat:x\"},\"id\":5}");
        assertThat(a.take()).containsExactly(
                "{\"id\":2,\"error\":{\"code\":108,\"message\":\"not available\"}}",
                "{\"id\":3,\"error\":{\"code\":108,\"message\":\"not available\"}}",
                "{\"id\":4,\"error\":{\"code\":103,\"message\":\"permission denied\"}}",
                "{\"id\":5,\"error\":{\"code\":103,\"message\":\"permission denied\"}}");
    }

    // ---- history and recovery --------------------------------------------------------

    private Conn chatWithPublications(int n) {
        Conn p = connected("p");
        p.frame("{\"subscribe\":{\"channel\":\"chat:h\"},\"id\":2}");
        for (int i = 1; i <= n; i++) {
            p.frame("{\"publish\":{\"channel\":\"chat:h\",\"data\":" + i + "},\"id\":" + (2 + i) + "}");
        }
        p.take();
        return p;
    }

    @Test
    void historyCommand() {
        Conn p = chatWithPublications(4);
        p.frame("{\"history\":{\"channel\":\"chat:h\",\"limit\":2},\"id\":10}");
        p.frame("{\"history\":{\"channel\":\"chat:h\",\"since\":{\"offset\":3,\"epoch\":\"e1\"},\"limit\":-1},\"id\":11}");
        p.frame("{\"history\":{\"channel\":\"chat:h\",\"limit\":1,\"reverse\":true},\"id\":12}");
        p.frame("{\"history\":{\"channel\":\"chat:h\"},\"id\":13}");
        String info = "\"info\":{\"user\":\"p\",\"client\":\"c1\"}";
        assertThat(p.take()).containsExactly(
                "{\"id\":10,\"history\":{\"publications\":[{\"data\":2," + info + ",\"offset\":2},{\"data\":3," + info
                        + ",\"offset\":3}],\"epoch\":\"e1\",\"offset\":4}}",
                "{\"id\":11,\"history\":{\"publications\":[{\"data\":4," + info + ",\"offset\":4}],\"epoch\":\"e1\",\"offset\":4}}",
                "{\"id\":12,\"history\":{\"publications\":[{\"data\":4," + info + ",\"offset\":4}],\"epoch\":\"e1\",\"offset\":4}}",
                "{\"id\":13,\"history\":{\"publications\":[],\"epoch\":\"e1\",\"offset\":4}}");
    }

    @Test
    void historyFromAnotherEpochOrTooFarBackIsError112() {
        Conn p = chatWithPublications(5);
        p.frame("{\"history\":{\"channel\":\"chat:h\",\"since\":{\"offset\":3,\"epoch\":\"old\"},\"limit\":-1},\"id\":10}");
        p.frame("{\"history\":{\"channel\":\"chat:h\",\"since\":{\"offset\":1,\"epoch\":\"e1\"},\"limit\":-1},\"id\":11}");
        p.frame("{\"history\":{\"channel\":\"chat:h\",\"since\":{\"offset\":0},\"reverse\":true,\"limit\":1},\"id\":12}");
        assertThat(p.take()).containsExactly(
                "{\"id\":10,\"error\":{\"code\":112,\"message\":\"unrecoverable position\"}}",
                "{\"id\":11,\"error\":{\"code\":112,\"message\":\"unrecoverable position\"}}",
                "{\"id\":12,\"error\":{\"code\":107,\"message\":\"bad request\"}}");
    }

    @Test
    void subscribeToRecoverableChannelReportsPosition() {
        chatWithPublications(2);
        Conn c = connected("1");
        c.frame("{\"subscribe\":{\"channel\":\"chat:h\"},\"id\":2}");
        assertThat(c.take()).containsExactly(
                "{\"id\":2,\"subscribe\":{\"recoverable\":true,\"epoch\":\"e1\",\"offset\":2,\"positioned\":true}}");
    }

    @Test
    void recoveryReturnsMissedPublications() {
        chatWithPublications(3);
        Conn c = connected("1");
        c.frame("{\"subscribe\":{\"channel\":\"chat:h\",\"recover\":true,\"offset\":1,\"epoch\":\"e1\"},\"id\":2}");
        String info = "\"info\":{\"user\":\"p\",\"client\":\"c1\"}";
        assertThat(c.take()).containsExactly("{\"id\":2,\"subscribe\":{\"recoverable\":true,\"epoch\":\"e1\","
                + "\"publications\":[{\"data\":2," + info + ",\"offset\":2},{\"data\":3," + info + ",\"offset\":3}],"
                + "\"recovered\":true,\"offset\":1,\"positioned\":true,\"was_recovering\":true}}");
    }

    @Test
    void recoveryAtTheTopIsRecoveredWithNothingMissed() {
        chatWithPublications(3);
        Conn c = connected("1");
        c.frame("{\"subscribe\":{\"channel\":\"chat:h\",\"recover\":true,\"offset\":3,\"epoch\":\"e1\"},\"id\":2}");
        assertThat(c.take()).containsExactly("{\"id\":2,\"subscribe\":{\"recoverable\":true,\"epoch\":\"e1\","
                + "\"recovered\":true,\"offset\":3,\"positioned\":true,\"was_recovering\":true}}");
    }

    @Test
    void recoveryFromAnotherEpochIsNotRecoveredAndGivesTheNewPosition() {
        chatWithPublications(3);
        Conn c = connected("1");
        c.frame("{\"subscribe\":{\"channel\":\"chat:h\",\"recover\":true,\"offset\":2,\"epoch\":\"lost\"},\"id\":2}");
        assertThat(c.take()).containsExactly("{\"id\":2,\"subscribe\":{\"recoverable\":true,\"epoch\":\"e1\","
                + "\"offset\":3,\"positioned\":true,\"was_recovering\":true}}");
    }

    @Test
    void recoveryBeyondKeptHistoryIsNotRecovered() {
        chatWithPublications(5);
        Conn c = connected("1");
        // history_size 3 keeps offsets 3..5; offset 2 is gone.
        c.frame("{\"subscribe\":{\"channel\":\"chat:h\",\"recover\":true,\"offset\":1,\"epoch\":\"e1\"},\"id\":2}");
        assertThat(c.take()).containsExactly("{\"id\":2,\"subscribe\":{\"recoverable\":true,\"epoch\":\"e1\","
                + "\"offset\":5,\"positioned\":true,\"was_recovering\":true}}");
    }

    @Test
    void recoveryAfterPublicationsExpiredIsNotRecovered() {
        chatWithPublications(2);
        clock.advance(Duration.ofSeconds(61));
        Conn c = connected("1");
        c.frame("{\"subscribe\":{\"channel\":\"chat:h\",\"recover\":true,\"offset\":1,\"epoch\":\"e1\"},\"id\":2}");
        assertThat(c.take()).containsExactly("{\"id\":2,\"subscribe\":{\"recoverable\":true,\"epoch\":\"e1\","
                + "\"offset\":2,\"positioned\":true,\"was_recovering\":true}}");
    }

    @Test
    void rejectUnrecoveredFlagTurnsAFailedRecoveryIntoError112() {
        chatWithPublications(5);
        Conn c = connected("1");
        c.frame("{\"subscribe\":{\"channel\":\"chat:h\",\"recover\":true,\"offset\":1,\"epoch\":\"e1\",\"flag\":2},\"id\":2}");
        assertThat(c.take()).containsExactly("{\"id\":2,\"error\":{\"code\":112,\"message\":\"unrecoverable position\"}}");
        assertThat(c.client().channels()).isEmpty();
        c.frame("{\"subscribe\":{\"channel\":\"chat:h\",\"recover\":true,\"offset\":4,\"epoch\":\"e1\",\"flag\":3},\"id\":3}");
        assertThat(c.take()).hasSize(1).first().asString().contains("\"recovered\":true");
    }

    @Test
    void recoveryLimitedByMaxPublicationsIsNotRecovered() {
        handler = handler(new HandlerConfig("0.1.0", Duration.ofSeconds(25), 128, false, 1), RpcHandler.METHOD_NOT_FOUND, null);
        chatWithPublications(3);
        Conn c = connected("1");
        c.frame("{\"subscribe\":{\"channel\":\"chat:h\",\"recover\":true,\"offset\":1,\"epoch\":\"e1\"},\"id\":2}");
        assertThat(c.take()).containsExactly("{\"id\":2,\"subscribe\":{\"recoverable\":true,\"epoch\":\"e1\","
                + "\"offset\":3,\"positioned\":true,\"was_recovering\":true}}");
    }

    @Test
    void recoverableOnlyWhenAskedInAllowRecoveryNamespaces() {
        Conn c = connected("1");
        c.frame("{\"subscribe\":{\"channel\":\"rec:a\"},\"id\":2}");
        c.frame("{\"subscribe\":{\"channel\":\"rec:b\",\"recoverable\":true},\"id\":3}");
        assertThat(c.take()).containsExactly("{\"id\":2,\"subscribe\":{}}",
                "{\"id\":3,\"subscribe\":{\"recoverable\":true,\"epoch\":\"e1\",\"positioned\":true}}");
    }

    @Test
    void liveDeliveryContinuesExactlyAfterRecoveredPublications() {
        Conn p = chatWithPublications(2);
        Conn c = connected("1");
        c.frame("{\"subscribe\":{\"channel\":\"chat:h\",\"recover\":true,\"offset\":1,\"epoch\":\"e1\"},\"id\":2}");
        p.frame("{\"publish\":{\"channel\":\"chat:h\",\"data\":3},\"id\":20}");
        List<String> got = c.take();
        assertThat(got).hasSize(2);
        assertThat(got.get(0)).contains("\"publications\":[{\"data\":2,");
        assertThat(got.get(1)).startsWith("{\"push\":{\"channel\":\"chat:h\",\"pub\":{\"data\":3,").contains("\"offset\":3}");
    }

    // ---- rpc and send ------------------------------------------------------------------

    @Test
    void rpcWithoutHandlerIsMethodNotFound() {
        Conn c = connected("1");
        c.frame("{\"rpc\":{\"method\":\"sum\",\"data\":[1,2]},\"id\":2}");
        assertThat(c.take()).containsExactly("{\"id\":2,\"error\":{\"code\":104,\"message\":\"method not found\"}}");
    }

    @Test
    void rpcHandlerAnswers() {
        handler = handler(HandlerConfig.defaults("0.1.0"), (ctx, method, data) -> method.equals("echo")
                ? new RpcHandler.Outcome.Success(RawJson.of("{\"from\":\"" + ctx.user() + "\",\"got\":" + data + "}"))
                : new RpcHandler.Outcome.Failure(new dev.weft.gateway.protocol.ReplyError(1000, "custom", false)), null);
        Conn c = connected("1");
        c.frame("{\"rpc\":{\"method\":\"echo\",\"data\":[1,2]},\"id\":2}\n{\"rpc\":{\"method\":\"x\"},\"id\":3}");
        assertThat(c.take()).containsExactly("{\"id\":2,\"rpc\":{\"data\":{\"from\":\"1\",\"got\":[1,2]}}}",
                "{\"id\":3,\"error\":{\"code\":1000,\"message\":\"custom\"}}");
    }

    @Test
    void sendGoesToTheHandlerWithoutReply() {
        Conn c = connected("1");
        c.frame("{\"send\":{\"data\":{\"typing\":true}}}");
        assertThat(c.take()).isEmpty();
        assertThat(sent).containsExactly("c1 {\"typing\":true}");
    }

    @Test
    void sendWithoutHandlerIsNotAvailable() {
        handler = handler(HandlerConfig.defaults("0.1.0"), RpcHandler.METHOD_NOT_FOUND, null);
        Conn c = connected("1");
        c.frame("{\"send\":{\"data\":1}}");
        assertThat(c.session().disconnected()).isEqualTo(DisconnectCode.NOT_AVAILABLE.toDisconnect());
    }

    @Test
    void errorCodeEnumIsWhatRepliesCarry() {
        assertThat(ErrorCode.UNRECOVERABLE_POSITION.code()).isEqualTo(112);
    }
}
