package dev.weft.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.gateway.server.LeakCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code presence}, {@code presence_stats}, {@code history}, {@code history_remove}, {@code channels}, {@code info}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ApiChannelQueryTest {
    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    private static List<Long> offsets(JsonNode history) {
        List<Long> out = new ArrayList<>();
        history.get("publications").forEach(p -> out.add(p.get("offset").longValue()));
        return out;
    }

    private static List<String> names(JsonNode channels) {
        List<String> out = new ArrayList<>();
        channels.get("channels").fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void presenceListsTheSubscribedConnections() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool());
             WsClient alice = gw.subscribed("alice", "room");
             WsClient alice2 = gw.subscribed("alice", "room");
             WsClient bob = gw.subscribed("bob", "room")) {
            JsonNode presence = gw.result("presence", "{\"channel\":\"room\"}").get("presence");
            assertThat(presence).hasSize(3);
            assertThat(presence.get(bob.clientId).toString())
                    .isEqualTo("{\"user\":\"bob\",\"client\":\"" + bob.clientId + "\"}");
            assertThat(presence.get(alice.clientId).get("user").textValue()).isEqualTo("alice");
            assertThat(gw.result("presence_stats", "{\"channel\":\"room\"}").toString())
                    .isEqualTo("{\"num_clients\":3,\"num_users\":2}");
            assertThat(gw.result("presence", "{\"channel\":\"empty\"}").toString()).isEqualTo("{\"presence\":{}}");
            assertThat(gw.errorCode("presence", "{}")).isEqualTo(107);
            assertThat(gw.errorCode("presence_stats", "{\"channel\":\"nope:x\"}")).isEqualTo(102);
        }
    }

    @Test
    void historyReadsByLimitSinceAndReverse() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool())) {
            String epoch = "";
            for (int i = 1; i <= 5; i++) {
                epoch = gw.result("publish", "{\"channel\":\"log\",\"data\":{\"n\":" + i + "}}").get("epoch").textValue();
            }
            JsonNode all = gw.result("history", "{\"channel\":\"log\",\"limit\":-1}");
            assertThat(offsets(all)).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(all.get("epoch").textValue()).isEqualTo(epoch);
            assertThat(all.get("offset").longValue()).isEqualTo(5);
            assertThat(all.get("publications").get(0).toString()).isEqualTo("{\"data\":{\"n\":1},\"offset\":1}");

            JsonNode top = gw.result("history", "{\"channel\":\"log\"}");
            assertThat(top.toString()).isEqualTo("{\"publications\":[],\"epoch\":\"" + epoch + "\",\"offset\":5}");
            assertThat(offsets(gw.result("history", "{\"channel\":\"log\",\"limit\":2}"))).containsExactly(1L, 2L);
            assertThat(offsets(gw.result("history", "{\"channel\":\"log\",\"limit\":10,\"since\":{\"offset\":3,\"epoch\":\""
                    + epoch + "\"}}"))).containsExactly(4L, 5L);
            assertThat(offsets(gw.result("history", "{\"channel\":\"log\",\"limit\":2,\"reverse\":true}")))
                    .containsExactly(5L, 4L);
            assertThat(gw.errorCode("history", "{\"channel\":\"log\",\"limit\":1,\"since\":{\"offset\":1,\"epoch\":\"other\"}}"))
                    .isEqualTo(112);
            assertThat(gw.errorCode("history", "{\"channel\":\"nope:x\"}")).isEqualTo(102);
        }
    }

    @Test
    void historyRemoveEmptiesTheHistory() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool())) {
            gw.result("publish", "{\"channel\":\"log\",\"data\":1}");
            gw.result("publish", "{\"channel\":\"log\",\"data\":2}");
            assertThat(gw.result("history_remove", "{\"channel\":\"log\"}").toString()).isEqualTo("{}");
            assertThat(gw.result("history", "{\"channel\":\"log\",\"limit\":-1}").get("publications")).isEmpty();
            assertThat(gw.errorCode("history_remove", "{}")).isEqualTo(107);
        }
    }

    @Test
    void channelsFiltersByPatternAndPages() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool());
             WsClient alice = gw.connect("alice");
             WsClient bob = gw.subscribed("bob", "room-b")) {
            for (String ch : new String[] {"room-a", "room-b", "room-c", "news"}) {
                gw.result("subscribe", "{\"user\":\"alice\",\"channel\":\"" + ch + "\"}");
                alice.next();
            }
            JsonNode all = gw.result("channels", "{}");
            assertThat(names(all)).containsExactly("news", "room-a", "room-b", "room-c");
            assertThat(all.get("channels").get("room-b").toString()).isEqualTo("{\"num_clients\":2}");
            assertThat(all.has("next_cursor")).isFalse();
            assertThat(names(gw.result("channels", "{\"pattern\":\"room-*\"}"))).containsExactly("room-a", "room-b", "room-c");
            assertThat(names(gw.result("channels", "{\"pattern\":\"room-[!b]\"}"))).containsExactly("room-a", "room-c");
            assertThat(names(gw.result("channels", "{\"pattern\":\"{news,room-c}\"}"))).containsExactly("news", "room-c");

            JsonNode page1 = gw.result("channels", "{\"pattern\":\"room-*\",\"limit\":2}");
            assertThat(names(page1)).containsExactly("room-a", "room-b");
            assertThat(page1.get("next_cursor").textValue()).isEqualTo("room-b");
            JsonNode page2 = gw.result("channels", "{\"pattern\":\"room-*\",\"limit\":2,\"cursor\":\"room-b\"}");
            assertThat(names(page2)).containsExactly("room-c");
            assertThat(page2.has("next_cursor")).isFalse();

            assertThat(gw.errorCode("channels", "{\"pattern\":\"room-[\"}")).isEqualTo(107);
            assertThat(gw.errorCode("channels", "{\"limit\":-1}")).isEqualTo(107);
        }
    }

    @Test
    void infoCountsThisNode() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool());
             WsClient a1 = gw.subscribed("alice", "x");
             WsClient a2 = gw.subscribed("alice", "y");
             WsClient b = gw.subscribed("bob", "x")) {
            JsonNode nodes = gw.result("info", "{}").get("nodes");
            assertThat(nodes).hasSize(1);
            JsonNode node = nodes.get(0);
            assertThat(node.get("uid").textValue()).hasSize(36);
            assertThat(node.get("name").textValue()).isNotEmpty();
            assertThat(node.get("version").textValue()).isEqualTo("0.1.0");
            assertThat(node.get("num_clients").intValue()).isEqualTo(3);
            assertThat(node.get("num_users").intValue()).isEqualTo(2);
            assertThat(node.get("num_channels").intValue()).isEqualTo(2);
            assertThat(node.get("num_subs").intValue()).isEqualTo(3);
            assertThat(node.get("uptime").longValue()).isGreaterThanOrEqualTo(0);
            b.close();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (gw.result("info", "{}").get("nodes").get(0).get("num_users").intValue() != 1
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(gw.result("info", "{}").get("nodes").get(0).get("num_clients").intValue()).isEqualTo(2);
        }
    }
}
