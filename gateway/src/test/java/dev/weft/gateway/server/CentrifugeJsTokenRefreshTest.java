package dev.weft.gateway.server;

import static dev.weft.gateway.server.CentrifugeJsDriver.obj;
import static dev.weft.gateway.server.ConfiguredGateway.weftToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.weft.gateway.auth.TokenIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Token refresh with the real centrifuge JS client over a real socket: its {@code getToken}
 * callbacks (answered here with {@code ./weft token}) keep a connection and a private
 * subscription alive past their tokens' expiry, and replace an expired token at connect.
 * A client whose callback never answers is the control: the gateway does cut it at expiry.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CentrifugeJsTokenRefreshTest {
    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    /** Counts getToken requests per client and channel, and answers with {@code answer}. */
    private static final class Tokens implements Function<JsonNode, String> {
        final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
        private final Function<JsonNode, String> answer;

        Tokens(Function<JsonNode, String> answer) {
            this.answer = answer;
        }

        @Override
        public String apply(JsonNode request) {
            requests.computeIfAbsent(key(request.get("c").asText(), request.path("ch").asText()),
                    k -> new AtomicInteger()).incrementAndGet();
            return answer.apply(request);
        }

        int count(String c, String ch) {
            AtomicInteger n = requests.get(key(c, ch));
            return n == null ? 0 : n.get();
        }

        private static String key(String c, String ch) {
            return c + "/" + ch;
        }
    }

    @Test
    void aShortLivedConnectionTokenIsRefreshedThroughGetTokenAndTheClientStaysConnected() throws Exception {
        // "kept" gets a fresh hour-long token; "control" never gets one.
        Tokens tokens = new Tokens(r -> r.get("c").asText().equals("kept") ? weftToken("--user", "alice") : null);
        try (ConfiguredGateway gw = new ConfiguredGateway(leaks.newPool(), Map.of(), null);
             CentrifugeJsDriver js = new CentrifugeJsDriver(gw.websocket(), tokens)) {
            for (String c : List.of("kept", "control")) {
                js.send(obj("new", "c", c, "token", weftToken("--user", "alice", "--ttl", "2s")).put("getToken", true));
                js.send(obj("sub", "c", c, "ch", "news"));
                js.run("connect", "c", c);
            }
            js.await("control", "subscribed");
            // The gateway closes the connection whose token ran out: 3005, and the SDK reconnects.
            JsonNode cut = js.await("control", "connecting");
            assertThat(cut.get("code").intValue()).as("%s", cut).isEqualTo(3005);
            assertThat(cut.get("reason").asText()).isEqualTo("connection expired");

            gw.api("publish", "{\"channel\":\"news\",\"data\":{\"after\":\"expiry\"}}");
            assertThat(js.await("kept", "publication").get("data").toString()).isEqualTo("{\"after\":\"expiry\"}");
            assertThat(tokens.count("kept", "")).isEqualTo(1);
            assertThat(js.transcript()).as("kept never lost its connection")
                    .doesNotContain("{\"c\":\"kept\",\"ev\":\"disconnected\"")
                    .containsOnlyOnce("{\"c\":\"kept\",\"ev\":\"connecting\"");
        }
    }

    @Test
    void anExpiredTokenAtConnectIsReplacedThroughGetToken() throws Exception {
        Tokens tokens = new Tokens(r -> weftToken("--user", "bob"));
        TokenIssuer issuer = TokenIssuer.hs256(ConfiguredGateway.SECRET.getBytes(StandardCharsets.UTF_8),
                InstantSource.system());
        String expired = issuer.sign(new JWTClaimsSet.Builder().subject("bob")
                .expirationTime(Date.from(Instant.now().minusSeconds(60))).build());
        try (ConfiguredGateway gw = new ConfiguredGateway(leaks.newPool(), Map.of(), null);
             CentrifugeJsDriver js = new CentrifugeJsDriver(gw.websocket(), tokens)) {
            js.send(obj("new", "c", "b", "token", expired).put("getToken", true));
            js.run("connect", "c", "b");
            JsonNode error = js.await("b", "error");
            assertThat(error.get("code").intValue()).as("%s", error).isEqualTo(109);
            js.await("b", "connected");
            assertThat(tokens.count("b", "")).isEqualTo(1);
        }
    }

    @Test
    void aPrivateChannelsSubscriptionTokenComesFromGetTokenAndIsRefreshedBeforeItExpires() throws Exception {
        // The first token of each subscription lives 2 s; "$kept" then gets an hour-long one,
        // "$control" nothing.
        Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
        Tokens tokens = new Tokens(r -> {
            String ch = r.get("ch").asText();
            int n = asked.computeIfAbsent(ch, k -> new AtomicInteger()).incrementAndGet();
            if (n == 1) {
                return weftToken("--sub", "--user", "carol", "--channel", ch, "--ttl", "2s");
            }
            return ch.equals("$kept") ? weftToken("--sub", "--user", "carol", "--channel", ch) : null;
        });
        try (ConfiguredGateway gw = new ConfiguredGateway(leaks.newPool(), Map.of(), null);
             CentrifugeJsDriver js = new CentrifugeJsDriver(gw.websocket(), tokens)) {
            js.send(obj("new", "c", "a", "token", weftToken("--user", "carol")));
            js.run("connect", "c", "a");
            js.await("a", "connected");
            js.send(obj("sub", "c", "a", "ch", "$kept").put("getToken", true));
            js.send(obj("sub", "c", "a", "ch", "$control").put("getToken", true));
            js.await(e -> e.path("ev").asText().equals("subscribed") && e.path("ch").asText().equals("$kept"));

            // The gateway unsubscribes the subscription whose token ran out; the SDK resubscribes.
            JsonNode cut = js.await(e -> e.path("ev").asText().equals("subscribing")
                    && e.path("ch").asText().equals("$control") && e.path("code").intValue() != 0);
            assertThat(cut.get("code").intValue()).as("%s", cut).isEqualTo(2501);

            gw.api("publish", "{\"channel\":\"$kept\",\"data\":{\"after\":\"expiry\"}}");
            JsonNode p = js.await("a", "publication");
            assertThat(p.get("ch").asText()).isEqualTo("$kept");
            assertThat(tokens.count("a", "$kept")).isEqualTo(2);
            assertThat(js.transcript()).as("$kept was never resubscribed")
                    .containsOnlyOnce("{\"c\":\"a\",\"ch\":\"$kept\",\"ev\":\"subscribing\"")
                    .doesNotContain("{\"c\":\"a\",\"ch\":\"$kept\",\"ev\":\"unsubscribed\"");
        }
    }
}
