package dev.weft.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Subscriptions from the connection token's channels claim. */
class ServerSideSubscriptionTest {
    private final Gateway gw = new Gateway();

    @Test
    void tokenChannelsBecomeServerSideSubscriptionsInTheConnectReply() {
        Gateway.Conn c = gw.open();
        String tok = gw.issuer.connectionToken("7", Duration.ZERO, null, List.of("chat:lobby", "$inbox7"));
        c.frame("{\"connect\":{\"token\":\"" + tok + "\"},\"id\":1}");
        assertThat(c.take()).containsExactly("{\"id\":1,\"connect\":{\"client\":\"c1\",\"version\":\"0.1.0\","
                + "\"subs\":{\"$inbox7\":{},\"chat:lobby\":{\"recoverable\":true,\"epoch\":\"e1\",\"positioned\":true}},"
                + "\"ping\":25,\"pong\":true}}",
                "{\"push\":{\"channel\":\"chat:lobby\",\"join\":{\"info\":{\"user\":\"7\",\"client\":\"c1\"}}}}");
        Gateway.Conn other = gw.connected("8");
        other.frame("{\"subscribe\":{\"channel\":\"chat:lobby\"},\"id\":2}");
        other.frame("{\"publish\":{\"channel\":\"chat:lobby\",\"data\":\"x\"},\"id\":3}");
        assertThat(c.take()).containsExactly(
                "{\"push\":{\"channel\":\"chat:lobby\",\"join\":{\"info\":{\"user\":\"8\",\"client\":\"c2\"}}}}",
                "{\"push\":{\"channel\":\"chat:lobby\",\"pub\":{\"data\":\"x\",\"info\":{\"user\":\"8\",\"client\":\"c2\"},\"offset\":1}}}");
    }

    @Test
    void serverSideSubscriptionsRecoverOnReconnect() {
        String tok = gw.issuer.connectionToken("7", Duration.ZERO, null, List.of("chat:lobby"));
        Gateway.Conn publisher = gw.connected("8");
        publisher.frame("{\"subscribe\":{\"channel\":\"chat:lobby\"},\"id\":2}");
        publisher.frame("{\"publish\":{\"channel\":\"chat:lobby\",\"data\":1},\"id\":3}");
        publisher.frame("{\"publish\":{\"channel\":\"chat:lobby\",\"data\":2},\"id\":4}");
        Gateway.Conn c = gw.open();
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
        Gateway.Conn c = gw.open();
        c.frame("{\"connect\":{\"token\":\"" + gw.issuer.connectionToken("7", Duration.ZERO, null, List.of("chat:a", "nope:x"))
                + "\"},\"id\":1}");
        assertThat(c.take()).containsExactly("{\"id\":1,\"error\":{\"code\":102,\"message\":\"unknown channel\"}}");
        assertThat(gw.subscriberCount("chat:a")).isZero();
    }

    @Test
    void duplicateTokenChannelsSubscribeOnce() {
        Gateway.Conn c = gw.open();
        c.frame("{\"connect\":{\"token\":\"" + gw.issuer.connectionToken("7", Duration.ZERO, null, List.of("news", "news"))
                + "\"},\"id\":1}");
        assertThat(c.take()).containsExactly(
                "{\"id\":1,\"connect\":{\"client\":\"c1\",\"version\":\"0.1.0\",\"subs\":{\"news\":{}},\"ping\":25,\"pong\":true}}");
        assertThat(gw.subscriberCount("news")).isEqualTo(1);
    }

    @Test
    void sessionTooSlowForTheConnectReplyLeavesNoSubscriptions() {
        Gateway.Conn c = gw.open(new dev.weft.gateway.hub.RecordingSession(0));
        c.frame("{\"connect\":{\"token\":\"" + gw.issuer.connectionToken("7", Duration.ZERO, null, List.of("news"))
                + "\"},\"id\":1}");
        assertThat(c.session().disconnected()).isEqualTo(dev.weft.gateway.protocol.DisconnectCode.SLOW.toDisconnect());
        assertThat(gw.subscriberCount("news")).isZero();
    }
}
