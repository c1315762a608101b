package dev.weft.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.gateway.auth.TokenIssuer;
import dev.weft.gateway.hub.RecordingSession;
import dev.weft.gateway.protocol.DisconnectCode;
import dev.weft.gateway.protocol.RawJson;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Subscribe, unsubscribe and publish: permissions, tokens, limits, fan-out, slow consumers. */
class SubscribePublishTest {
    private final Gateway gw = new Gateway();

    @Test
    void publicationReachesEverySubscriberWithPublisherInfo() {
        Gateway.Conn a = gw.connected("1");
        Gateway.Conn b = gw.connected("2");
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
        Gateway.Conn a = gw.connected("1");
        a.frame("{\"subscribe\":{\"channel\":\"open:n\"},\"id\":2}");
        a.frame("{\"unsubscribe\":{\"channel\":\"open:n\"},\"id\":3}");
        a.frame("{\"publish\":{\"channel\":\"open:n\",\"data\":1},\"id\":4}");
        assertThat(a.take()).containsExactly("{\"id\":2,\"subscribe\":{}}", "{\"id\":3,\"unsubscribe\":{}}",
                "{\"id\":4,\"publish\":{}}");
        assertThat(gw.subscriberCount("open:n")).isZero();
    }

    @Test
    void subscribeErrors() {
        Gateway.Conn a = gw.connected("1");
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
        gw.rebuild(new HandlerConfig("0.1.0", Duration.ofSeconds(25), 1, false, -1), RpcHandler.METHOD_NOT_FOUND, null);
        Gateway.Conn a = gw.connected("1");
        a.frame("{\"subscribe\":{\"channel\":\"a\"},\"id\":2}\n{\"subscribe\":{\"channel\":\"b\"},\"id\":3}");
        assertThat(a.take()).containsExactly("{\"id\":2,\"subscribe\":{}}",
                "{\"id\":3,\"error\":{\"code\":106,\"message\":\"limit exceeded\"}}");
    }

    @Test
    void privateChannelWithSubscriptionToken() {
        Gateway.Conn a = gw.connected("1");
        String tok = gw.issuer.subscriptionToken("1", "$secret:x", Duration.ofMinutes(1), RawJson.of("{\"r\":\"admin\"}"));
        a.frame("{\"subscribe\":{\"channel\":\"$secret:x\",\"token\":\"" + tok + "\"},\"id\":2}");
        assertThat(a.take()).containsExactly("{\"id\":2,\"subscribe\":{\"expires\":true,\"ttl\":60}}");
        assertThat(a.client().channels()).containsExactly("$secret:x");
    }

    @Test
    void subscriptionTokenForAnotherChannelOrUserIsInvalid() {
        Gateway.Conn a = gw.connected("1");
        a.frame("{\"subscribe\":{\"channel\":\"$secret:x\",\"token\":\""
                + gw.issuer.subscriptionToken("1", "$secret:y", Duration.ZERO, null) + "\"},\"id\":2}");
        assertThat(a.session().disconnected()).isEqualTo(DisconnectCode.INVALID_TOKEN.toDisconnect());

        Gateway.Conn b = gw.connected("2");
        b.frame("{\"subscribe\":{\"channel\":\"$secret:x\",\"token\":\""
                + gw.issuer.subscriptionToken("1", "$secret:x", Duration.ZERO, null) + "\"},\"id\":2}");
        assertThat(b.session().disconnected()).isEqualTo(DisconnectCode.INVALID_TOKEN.toDisconnect());
    }

    @Test
    void expiredSubscriptionTokenGetsError109() {
        Gateway.Conn a = gw.connected("1");
        String expired = TokenIssuer.hs256(Gateway.SECRET, java.time.InstantSource.fixed(gw.clock.instant().minusSeconds(60)))
                .subscriptionToken("1", "$secret:x", Duration.ofSeconds(10), null);
        a.frame("{\"subscribe\":{\"channel\":\"$secret:x\",\"token\":\"" + expired + "\"},\"id\":2}");
        assertThat(a.take()).containsExactly("{\"id\":2,\"error\":{\"code\":109,\"message\":\"token expired\"}}");
    }

    @Test
    void expiredSubscriptionIsUnsubscribedUnlessRefreshed() {
        Gateway.Conn a = gw.connected("1");
        a.frame("{\"subscribe\":{\"channel\":\"$secret:x\",\"token\":\""
                + gw.issuer.subscriptionToken("1", "$secret:x", Duration.ofSeconds(30), null) + "\"},\"id\":2}");
        a.frame("{\"subscribe\":{\"channel\":\"$secret:y\",\"token\":\""
                + gw.issuer.subscriptionToken("1", "$secret:y", Duration.ofSeconds(30), null) + "\"},\"id\":3}");
        a.take();
        a.frame("{\"sub_refresh\":{\"channel\":\"$secret:y\",\"token\":\""
                + gw.issuer.subscriptionToken("1", "$secret:y", Duration.ofSeconds(90), null) + "\"},\"id\":4}");
        assertThat(a.take()).containsExactly("{\"id\":4,\"sub_refresh\":{\"expires\":true,\"ttl\":90}}");
        gw.clock.advance(Duration.ofSeconds(30));
        a.client().checkExpiry();
        assertThat(a.take()).containsExactly(
                "{\"push\":{\"channel\":\"$secret:x\",\"unsubscribe\":{\"code\":2501,\"reason\":\"subscription expired\"}}}");
        assertThat(a.client().channels()).containsExactly("$secret:y");
    }

    @Test
    void publishPermissions() {
        Gateway.Conn a = gw.connected("1");
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
        Gateway.Conn fast = gw.connected("1");
        RecordingSession slowSession = new RecordingSession(3);
        Gateway.Conn slow = gw.open(slowSession);
        slow.frame("{\"connect\":{\"token\":\"" + gw.token("2") + "\"},\"id\":1}");
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
        assertThat(gw.subscriberCount("open:t")).isEqualTo(1);
    }
}
