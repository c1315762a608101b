package dev.weft.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.gateway.auth.TokenIssuer;
import dev.weft.gateway.protocol.DisconnectCode;
import dev.weft.gateway.protocol.RawJson;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Connecting, tokens, expiry, refresh, ping and pong, and what closes a connection. */
class ConnectTest {
    private final Gateway gw = new Gateway();

    @Test
    void connectRepliesWithClientIdVersionAndPing() {
        gw.connected("42");
    }

    @Test
    void connectWithExpiringTokenReportsTtl() {
        Gateway.Conn c = gw.open();
        String token = gw.issuer.connectionToken("42", Duration.ofMinutes(2), RawJson.of("{\"n\":\"Ann\"}"), List.of());
        c.frame("{\"connect\":{\"token\":\"" + token + "\"},\"id\":1}");
        assertThat(c.take()).containsExactly(
                "{\"id\":1,\"connect\":{\"client\":\"c1\",\"version\":\"0.1.0\",\"expires\":true,\"ttl\":120,\"ping\":25,\"pong\":true}}");
    }

    @Test
    void expiredConnectionIsClosedWith3005() {
        Gateway.Conn c = gw.open();
        c.frame("{\"connect\":{\"token\":\"" + gw.issuer.connectionToken("42", Duration.ofSeconds(30), null, List.of())
                + "\"},\"id\":1}");
        c.take();
        gw.clock.advance(Duration.ofSeconds(29));
        c.client().checkExpiry();
        assertThat(c.session().disconnected()).isNull();
        gw.clock.advance(Duration.ofSeconds(1));
        c.client().checkExpiry();
        assertThat(c.session().disconnected()).isEqualTo(DisconnectCode.EXPIRED.toDisconnect());
    }

    @Test
    void refreshExtendsTheConnection() {
        Gateway.Conn c = gw.open();
        c.frame("{\"connect\":{\"token\":\"" + gw.issuer.connectionToken("42", Duration.ofSeconds(30), null, List.of())
                + "\"},\"id\":1}");
        c.take();
        gw.clock.advance(Duration.ofSeconds(20));
        c.frame("{\"refresh\":{\"token\":\"" + gw.issuer.connectionToken("42", Duration.ofSeconds(60), null, List.of())
                + "\"},\"id\":2}");
        assertThat(c.take()).containsExactly(
                "{\"id\":2,\"refresh\":{\"client\":\"c1\",\"version\":\"0.1.0\",\"expires\":true,\"ttl\":60}}");
        gw.clock.advance(Duration.ofSeconds(30));
        c.client().checkExpiry();
        assertThat(c.session().disconnected()).isNull();
    }

    @Test
    void refreshForAnotherUserIsAnInvalidToken() {
        Gateway.Conn c = gw.connected("42");
        c.frame("{\"refresh\":{\"token\":\"" + gw.token("43") + "\"},\"id\":2}");
        assertThat(c.session().disconnected()).isEqualTo(DisconnectCode.INVALID_TOKEN.toDisconnect());
    }

    @Test
    void invalidTokenDisconnectsWith3500() {
        Gateway.Conn c = gw.open();
        c.frame("{\"connect\":{\"token\":\"" + gw.token("42") + "x\"},\"id\":1}");
        assertThat(c.take()).isEmpty();
        assertThat(c.session().disconnected()).isEqualTo(DisconnectCode.INVALID_TOKEN.toDisconnect());
    }

    @Test
    void expiredTokenGetsError109AndLeavesTheConnectionUnusable() {
        Gateway.Conn c = gw.open();
        String expired = TokenIssuer.hs256(Gateway.SECRET, java.time.InstantSource.fixed(gw.clock.instant().minusSeconds(120)))
                .connectionToken("42", Duration.ofSeconds(60), null, List.of());
        // The rest of the frame is dropped after a failed connect.
        c.frame("{\"connect\":{\"token\":\"" + expired + "\"},\"id\":1}\n{\"subscribe\":{\"channel\":\"news\"},\"id\":2}");
        assertThat(c.take()).containsExactly("{\"id\":1,\"error\":{\"code\":109,\"message\":\"token expired\"}}");
        assertThat(c.session().disconnected()).isNull();
        c.frame("{\"connect\":{\"token\":\"" + gw.token("42") + "\"},\"id\":3}");
        assertThat(c.take()).isEmpty();
        assertThat(c.session().disconnected()).isEqualTo(DisconnectCode.BAD_REQUEST.toDisconnect());
    }

    @Test
    void expireAtInThePastIsAnExpiredToken() {
        Gateway.Conn c = gw.open();
        String token = gw.issuer.sign(new com.nimbusds.jwt.JWTClaimsSet.Builder().subject("42")
                .claim("expire_at", gw.clock.instant().getEpochSecond()).build());
        c.frame("{\"connect\":{\"token\":\"" + token + "\"},\"id\":1}");
        assertThat(c.take()).containsExactly("{\"id\":1,\"error\":{\"code\":109,\"message\":\"token expired\"}}");
    }

    @Test
    void connectWithoutTokenIsUnauthorizedUnlessAnonymousIsAllowed() {
        Gateway.Conn c = gw.open();
        c.frame("{\"connect\":{},\"id\":1}");
        assertThat(c.take()).containsExactly("{\"id\":1,\"error\":{\"code\":101,\"message\":\"unauthorized\"}}");

        gw.rebuild(new HandlerConfig("0.1.0", Duration.ofSeconds(25), 128, true, -1),
                RpcHandler.METHOD_NOT_FOUND, null);
        Gateway.Conn anon = gw.open();
        anon.frame("{\"connect\":{},\"id\":1}");
        assertThat(anon.take()).containsExactly(
                "{\"id\":1,\"connect\":{\"client\":\"c1\",\"version\":\"0.1.0\",\"ping\":25,\"pong\":true}}");
        anon.frame("{\"subscribe\":{\"channel\":\"open:x\"},\"id\":2}\n{\"subscribe\":{\"channel\":\"news\"},\"id\":3}");
        assertThat(anon.take()).containsExactly("{\"id\":2,\"subscribe\":{}}",
                "{\"id\":3,\"error\":{\"code\":103,\"message\":\"permission denied\"}}");
    }

    @Test
    void commandBeforeConnectIsABadRequest() {
        Gateway.Conn c = gw.open();
        c.frame("{\"subscribe\":{\"channel\":\"news\"},\"id\":1}");
        assertThat(c.take()).isEmpty();
        assertThat(c.session().disconnected()).isEqualTo(DisconnectCode.BAD_REQUEST.toDisconnect());
    }

    @Test
    void malformedFrameIsABadRequest() {
        Gateway.Conn c = gw.connected("42");
        c.frame("{\"subscribe\":");
        assertThat(c.session().disconnected()).isEqualTo(DisconnectCode.BAD_REQUEST.toDisconnect());
    }

    @Test
    void secondConnectIsABadRequest() {
        Gateway.Conn c = gw.connected("42");
        c.frame("{\"connect\":{\"token\":\"" + gw.token("42") + "\"},\"id\":2}");
        assertThat(c.session().disconnected()).isEqualTo(DisconnectCode.BAD_REQUEST.toDisconnect());
    }

    @Test
    void commandWithoutIdIsABadRequest() {
        Gateway.Conn c = gw.connected("42");
        c.frame("{\"subscribe\":{\"channel\":\"news\"}}");
        assertThat(c.session().disconnected()).isEqualTo(DisconnectCode.BAD_REQUEST.toDisconnect());
    }

    @Test
    void commandsAfterADisconnectInTheSameFrameAreIgnored() {
        Gateway.Conn c = gw.connected("42");
        c.frame("{\"subscribe\":{\"channel\":\"\"},\"id\":2}\n{\"subscribe\":{\"channel\":\"news\"},\"id\":3}");
        assertThat(c.take()).isEmpty();
        assertThat(c.session().disconnected()).isEqualTo(DisconnectCode.BAD_REQUEST.toDisconnect());
        assertThat(gw.subscriberCount("news")).isZero();
    }

    @Test
    void pongIsAcceptedOnlyAfterAPing() {
        Gateway.Conn c = gw.connected("42");
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
        Gateway.Conn c = gw.connected("42");
        c.frame("{\"ping\":{},\"id\":2}");
        assertThat(c.take()).containsExactly("{\"id\":2,\"ping\":{}}");
    }
}
