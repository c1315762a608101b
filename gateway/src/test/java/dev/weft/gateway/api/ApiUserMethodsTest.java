package dev.weft.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.gateway.server.LeakCheck;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code subscribe}, {@code unsubscribe}, {@code disconnect} and {@code refresh} acting on
 * a user's WebSocket connections: the pushes and close codes the connections see.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ApiUserMethodsTest {
    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void subscribeGivesEveryConnectionOfTheUserASubscribePushThenPublications() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool());
             WsClient alice1 = gw.connect("alice");
             WsClient alice2 = gw.connect("alice");
             WsClient bob = gw.connect("bob")) {
            gw.result("publish", "{\"channel\":\"news\",\"data\":\"before\"}");
            assertThat(gw.result("subscribe", "{\"user\":\"alice\",\"channel\":\"news\",\"data\":{\"why\":\"api\"}}")
                    .toString()).isEqualTo("{}");
            for (WsClient c : new WsClient[] {alice1, alice2}) {
                JsonNode push = JSON.readTree(c.next()).get("push");
                assertThat(push.get("channel").textValue()).isEqualTo("news");
                JsonNode sub = push.get("subscribe");
                assertThat(sub.get("recoverable").booleanValue()).isTrue();
                assertThat(sub.get("offset").longValue()).as("stream position at subscribe").isEqualTo(1);
                assertThat(sub.get("epoch").textValue()).isNotEmpty();
                assertThat(sub.get("data").toString()).isEqualTo("{\"why\":\"api\"}");
            }
            gw.result("publish", "{\"channel\":\"news\",\"data\":\"after\"}");
            assertThat(alice1.next()).startsWith("{\"push\":{\"channel\":\"news\",\"pub\":{\"data\":\"after\"");
            assertThat(alice2.next()).startsWith("{\"push\":{\"channel\":\"news\",\"pub\":{\"data\":\"after\"");
            bob.assertQuiet(200);
            assertThat(gw.result("channels", "{}").get("channels").get("news").get("num_clients").intValue()).isEqualTo(2);
            // Subscribing again changes nothing.
            gw.result("subscribe", "{\"user\":\"alice\",\"channel\":\"news\"}");
            alice1.assertQuiet(200);
        }
    }

    @Test
    void clientAndSessionNarrowTheTarget() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool());
             WsClient first = gw.connect("alice");
             WsClient second = gw.connect("alice")) {
            gw.result("subscribe", "{\"user\":\"alice\",\"channel\":\"news\",\"client\":\"" + second.clientId + "\"}");
            assertThat(second.next()).startsWith("{\"push\":{\"channel\":\"news\",\"subscribe\":{");
            first.assertQuiet(200);
            // Weft connections have no session id: a session matches none.
            gw.result("subscribe", "{\"user\":\"alice\",\"channel\":\"other\",\"session\":\"s1\"}");
            first.assertQuiet(100);
            second.assertQuiet(100);
            // A user with no connection here is not an error.
            assertThat(gw.result("subscribe", "{\"user\":\"nobody\",\"channel\":\"news\"}").toString()).isEqualTo("{}");
        }
    }

    @Test
    void subscribeChecksTheChannel() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool())) {
            assertThat(gw.errorCode("subscribe", "{\"user\":\"alice\"}")).isEqualTo(107);
            assertThat(gw.errorCode("subscribe", "{\"user\":\"alice\",\"channel\":\"nope:x\"}")).isEqualTo(102);
            assertThat(gw.errorCode("unsubscribe", "{\"user\":\"alice\",\"channel\":\"nope:x\"}")).isEqualTo(102);
        }
    }

    @Test
    void unsubscribeEndsTheSubscriptionWithPush2000() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool());
             WsClient alice = gw.subscribed("alice", "news")) {
            gw.result("unsubscribe", "{\"user\":\"alice\",\"channel\":\"news\"}");
            assertThat(alice.next()).isEqualTo(
                    "{\"push\":{\"channel\":\"news\",\"unsubscribe\":{\"code\":2000,\"reason\":\"server unsubscribe\"}}}");
            gw.result("publish", "{\"channel\":\"news\",\"data\":1}");
            alice.assertQuiet(200);
            assertThat(gw.result("presence_stats", "{\"channel\":\"news\"}").get("num_clients").intValue()).isZero();
        }
    }

    @Test
    void disconnectClosesWith3503ByDefault() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool());
             WsClient alice = gw.connect("alice");
             WsClient bob = gw.connect("bob")) {
            gw.result("disconnect", "{\"user\":\"alice\"}");
            assertThat(alice.awaitClose()).isEqualTo(new WsClient.Closed(3503, "force disconnect"));
            bob.send("{\"id\":5,\"ping\":{}}");
            assertThat(bob.next()).isEqualTo("{\"id\":5,\"ping\":{}}");
        }
    }

    @Test
    void disconnectTakesACustomCodeAndSparesTheWhitelist() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool());
             WsClient kept = gw.connect("alice");
             WsClient closed = gw.connect("alice")) {
            gw.result("disconnect", "{\"user\":\"alice\",\"whitelist\":[\"" + kept.clientId + "\"],"
                    + "\"disconnect\":{\"code\":4001,\"reason\":\"moved\"}}");
            assertThat(closed.awaitClose()).isEqualTo(new WsClient.Closed(4001, "moved"));
            kept.send("{\"id\":5,\"ping\":{}}");
            assertThat(kept.next()).isEqualTo("{\"id\":5,\"ping\":{}}");
            assertThat(gw.errorCode("disconnect", "{\"user\":\"alice\",\"disconnect\":{\"code\":1000}}")).isEqualTo(107);
            assertThat(gw.errorCode("disconnect", "{\"user\":\"alice\",\"disconnect\":{\"code\":4000,\"reason\":\""
                    + "r".repeat(124) + "\"}}")).as("reason longer than a close frame holds").isEqualTo(107);
        }
    }

    @Test
    void refreshExpiredClosesWith3005() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool());
             WsClient alice = gw.connect("alice")) {
            gw.result("refresh", "{\"user\":\"alice\",\"expired\":true}");
            assertThat(alice.awaitClose()).isEqualTo(new WsClient.Closed(3005, "connection expired"));
        }
    }

    @Test
    void refreshWithExpireAtPushesTheNewTtl() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool());
             WsClient alice = gw.connect("alice")) {
            long expireAt = Instant.now().getEpochSecond() + 3600;
            gw.result("refresh", "{\"user\":\"alice\",\"expire_at\":" + expireAt + "}");
            JsonNode refresh = JSON.readTree(alice.next()).get("push").get("refresh");
            assertThat(refresh.get("expires").booleanValue()).isTrue();
            assertThat(refresh.get("ttl").longValue()).isBetween(3590L, 3600L);
            // Without expire_at the connection no longer expires.
            gw.result("refresh", "{\"user\":\"alice\"}");
            assertThat(alice.next()).isEqualTo("{\"push\":{\"refresh\":{}}}");
        }
    }
}
