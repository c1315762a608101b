package dev.weft.gateway.server;

import static dev.weft.gateway.server.CentrifugeJsDriver.obj;
import static dev.weft.gateway.server.ConfiguredGateway.weftToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.weft.gateway.auth.TokenIssuer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every way a token or a missing token is refused, as the real centrifuge JS client reports
 * it over a real socket: the {@code disconnected} event's code and reason (a terminal close
 * the SDK does not retry), or the subscription's {@code unsubscribed} code. Each refusal is
 * paired with a token that the same gateway accepts, so a refusal for an unrelated reason
 * cannot pass.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CentrifugeJsAuthFailureTest {
    private static final TokenIssuer ISSUER = TokenIssuer.hs256(
            ConfiguredGateway.SECRET.getBytes(StandardCharsets.UTF_8), InstantSource.system());

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    /** Connects client {@code c} with {@code token} (null: none) and returns how the SDK ends up. */
    private static JsonNode outcome(CentrifugeJsDriver js, String c, String token) {
        var client = obj("new", "c", c);
        if (token != null) {
            client.put("token", token);
        }
        js.send(client);
        js.run("connect", "c", c);
        return js.await(e -> e.path("c").asText().equals(c)
                && (e.path("ev").asText().equals("connected") || e.path("ev").asText().equals("disconnected")));
    }

    private static void assertRefused(JsonNode outcome, int code, String reason) {
        assertThat(outcome.get("ev").asText()).as("%s", outcome).isEqualTo("disconnected");
        assertThat(outcome.get("code").intValue()).as("%s", outcome).isEqualTo(code);
        assertThat(outcome.get("reason").asText()).as("%s", outcome).isEqualTo(reason);
    }

    private static void assertConnected(JsonNode outcome) {
        assertThat(outcome.get("ev").asText()).as("%s", outcome).isEqualTo("connected");
    }

    private static String claims(JWTClaimsSet.Builder claims) {
        return ISSUER.sign(claims.subject("mallory").issueTime(new Date()).build());
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void expiredNotYetValidBadlySignedAndUnsignedTokensAreRefused() throws Exception {
        try (ConfiguredGateway gw = new ConfiguredGateway(leaks.newPool(), Map.of(), null);
             CentrifugeJsDriver js = new CentrifugeJsDriver(gw.websocket(), e -> null)) {
            Instant now = Instant.now();
            JsonNode expired = outcome(js, "expired",
                    claims(new JWTClaimsSet.Builder().expirationTime(Date.from(now.minusSeconds(60)))));
            JsonNode notYetValid = outcome(js, "nbf",
                    claims(new JWTClaimsSet.Builder().notBeforeTime(Date.from(now.plusSeconds(3600)))));
            JsonNode badSignature = outcome(js, "sig", TokenIssuer.hs256(
                    "another-secret-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8), InstantSource.system())
                    .connectionToken("mallory", Duration.ofHours(1), null, List.of()));
            JsonNode algNone = outcome(js, "none", b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
                    + b64("{\"sub\":\"mallory\",\"exp\":" + (now.getEpochSecond() + 3600) + "}") + ".");
            JsonNode good = outcome(js, "good", weftToken("--user", "alice"));

            // Expired is the one refusal the SDK can act on: without getToken it stops.
            assertThat(expired.get("code").intValue()).as("%s", expired).isEqualTo(1);
            assertThat(expired.get("reason").asText()).as("%s", expired).isEqualTo("unauthorized");
            assertThat(js.transcript()).contains(
                    "{\"c\":\"expired\",\"ev\":\"error\",\"type\":\"connect\",\"code\":109,\"message\":\"token expired\"}");
            assertRefused(notYetValid, 3500, "invalid token");
            assertRefused(badSignature, 3500, "invalid token");
            assertRefused(algNone, 3500, "invalid token");
            assertConnected(good);
        }
    }

    @Test
    void anHmacTokenSignedWithTheRsaPublicKeyIsRefusedByAGatewayThatChecksRs256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        try (ConfiguredGateway gw = new ConfiguredGateway(leaks.newPool(), Map.of("token_rsa_public_key", pem), null);
             CentrifugeJsDriver js = new CentrifugeJsDriver(gw.websocket(), e -> null)) {
            // The classic confusion: the public key, known to all, used as the HMAC secret.
            String confused = TokenIssuer.hs256(pem.getBytes(StandardCharsets.US_ASCII), InstantSource.system())
                    .connectionToken("mallory", Duration.ofHours(1), null, List.of());
            String rs256 = TokenIssuer.rs256((RSAPrivateKey) keys.getPrivate(), InstantSource.system())
                    .connectionToken("alice", Duration.ofHours(1), null, List.of());
            assertRefused(outcome(js, "confused", confused), 3500, "invalid token");
            assertConnected(outcome(js, "rs256", rs256));
        }
    }

    @Test
    void wrongAudienceOrIssuerIsRefusedWhenTheGatewayChecksThem() throws Exception {
        try (ConfiguredGateway gw = new ConfiguredGateway(leaks.newPool(),
                Map.of("token_audience", "weft-clients", "token_issuer", "weft-auth"), null);
             CentrifugeJsDriver js = new CentrifugeJsDriver(gw.websocket(), e -> null)) {
            Date exp = Date.from(Instant.now().plusSeconds(3600));
            JsonNode wrongAudience = outcome(js, "aud", claims(new JWTClaimsSet.Builder().expirationTime(exp)
                    .audience("someone-else").issuer("weft-auth")));
            JsonNode wrongIssuer = outcome(js, "iss", claims(new JWTClaimsSet.Builder().expirationTime(exp)
                    .audience("weft-clients").issuer("someone-else")));
            JsonNode neither = outcome(js, "plain", weftToken("--user", "alice"));
            JsonNode right = outcome(js, "right", claims(new JWTClaimsSet.Builder().expirationTime(exp)
                    .audience("weft-clients").issuer("weft-auth")));
            assertRefused(wrongAudience, 3500, "invalid token");
            assertRefused(wrongIssuer, 3500, "invalid token");
            assertRefused(neither, 3500, "invalid token");
            assertConnected(right);
        }
    }

    @Test
    void anonymousConnectIsRefusedUnlessAllowed() throws Exception {
        try (ConfiguredGateway closed = new ConfiguredGateway(leaks.newPool(), Map.of(), null);
             CentrifugeJsDriver js = new CentrifugeJsDriver(closed.websocket(), e -> null)) {
            // Error 101 to the connect command; the SDK stops with it as the code.
            assertRefused(outcome(js, "anon", null), 101, "unauthorized");
        }
        try (ConfiguredGateway open = new ConfiguredGateway(leaks.newPool(),
                Map.of("allow_anonymous_connect_without_token", "true"), null);
             CentrifugeJsDriver js = new CentrifugeJsDriver(open.websocket(), e -> null)) {
            assertConnected(outcome(js, "anon", null));
        }
    }

    @Test
    void aPrivateChannelWithoutOrWithABadSubscriptionTokenIsRefusedWith103AndTheConnectionStays() throws Exception {
        try (ConfiguredGateway gw = new ConfiguredGateway(leaks.newPool(), Map.of(), null);
             CentrifugeJsDriver js = new CentrifugeJsDriver(gw.websocket(), e -> null)) {
            assertConnected(outcome(js, "a", weftToken("--user", "alice")));
            js.send(obj("sub", "c", "a", "ch", "$vault"));
            assertUnsubscribed(js.await("a", "unsubscribed"), "$vault", 103, "permission denied");

            String forged = TokenIssuer.hs256("another-secret-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8),
                    InstantSource.system()).subscriptionToken("alice", "$safe", Duration.ofHours(1), null);
            js.send(obj("sub", "c", "a", "ch", "$safe", "token", forged));
            assertUnsubscribed(js.await("a", "unsubscribed"), "$safe", 103, "permission denied");

            // A connection token is no subscription token.
            js.send(obj("sub", "c", "a", "ch", "$box", "token", weftToken("--user", "alice")));
            assertUnsubscribed(js.await("a", "unsubscribed"), "$box", 103, "permission denied");

            js.send(obj("sub", "c", "a", "ch", "$open", "token", weftToken("--sub", "--user", "alice", "--channel", "$open")));
            js.await("a", "subscribed");
        }
    }

    @Test
    void aValidSubscriptionTokenForAnotherChannelClosesTheConnectionWith3500() throws Exception {
        try (ConfiguredGateway gw = new ConfiguredGateway(leaks.newPool(), Map.of(), null);
             CentrifugeJsDriver js = new CentrifugeJsDriver(gw.websocket(), e -> null)) {
            assertConnected(outcome(js, "a", weftToken("--user", "alice")));
            js.send(obj("sub", "c", "a", "ch", "$safe", "token", weftToken("--sub", "--user", "alice", "--channel", "$vault")));
            assertRefused(js.await("a", "disconnected"), 3500, "invalid token");
        }
    }

    private static void assertUnsubscribed(JsonNode event, String channel, int code, String reason) {
        assertThat(event.get("ch").asText()).as("%s", event).isEqualTo(channel);
        assertThat(event.get("code").intValue()).as("%s", event).isEqualTo(code);
        assertThat(event.get("reason").asText()).as("%s", event).isEqualTo(reason);
    }
}
