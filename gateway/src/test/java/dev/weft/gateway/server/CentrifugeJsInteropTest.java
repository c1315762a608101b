package dev.weft.gateway.server;

import static dev.weft.gateway.server.CentrifugeJsDriver.obj;
import static dev.weft.gateway.server.ConfiguredGateway.weftToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real centrifuge JS client (npm {@code centrifuge} 5.x, WebSocket from npm {@code ws})
 * against a gateway built from its configuration, over real loopback sockets: tokens from
 * {@code ./weft token}, publications through the HTTP server API, recovery with and without
 * a gap beyond history, presence, history, join/leave and server-side subscriptions, each
 * as the SDK reports it. See {@link CentrifugeJsDriver} for where the packages come from.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CentrifugeJsInteropTest {
    /** {@code short:} keeps only 3 publications; {@code chat:} has presence and join/leave. */
    static final String NAMESPACES = """
            [{"name":"short","history_size":3,"history_ttl":"60s","allow_recovery":true,
              "allow_subscribe_for_client":true,"allow_history_for_client":true},
             {"name":"chat","presence":true,"join_leave":true,"allow_subscribe_for_client":true,
              "allow_presence_for_client":true}]""";

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    private ConfiguredGateway gateway() throws Exception {
        return new ConfiguredGateway(leaks.newPool(), Map.of(), NAMESPACES);
    }

    @Test
    void connectsWithAWeftTokenAndReceivesAPublicationSentThroughTheApi() throws Exception {
        try (ConfiguredGateway gw = gateway(); CentrifugeJsDriver js = new CentrifugeJsDriver(gw.websocket(), e -> null)) {
            js.send(obj("new", "c", "a", "token", weftToken("--user", "alice")));
            js.send(obj("sub", "c", "a", "ch", "news"));
            js.run("connect", "c", "a");
            assertThat(js.await("a", "connected").get("transport").asText()).isEqualTo("websocket");
            js.await("a", "subscribed");

            gw.api("publish", "{\"channel\":\"news\",\"data\":{\"text\":\"from the API\"}}");
            JsonNode p = js.await("a", "publication");
            assertThat(p.get("ch").asText()).isEqualTo("news");
            assertThat(p.get("data").toString()).isEqualTo("{\"text\":\"from the API\"}");
            assertThat(p.get("offset").intValue()).isEqualTo(1);
        }
    }

    @Test
    void recoversExactlyTheMissedPublicationsInOrderAfterADisconnect() throws Exception {
        try (ConfiguredGateway gw = gateway(); CentrifugeJsDriver js = new CentrifugeJsDriver(gw.websocket(), e -> null)) {
            js.send(obj("new", "c", "a", "token", weftToken("--user", "alice")));
            js.send(obj("sub", "c", "a", "ch", "news").put("recoverable", true));
            js.run("connect", "c", "a");
            JsonNode first = js.await("a", "subscribed");
            assertThat(first.get("recoverable").booleanValue()).isTrue();
            assertThat(first.get("wasRecovering").booleanValue()).isFalse();
            gw.api("publish", "{\"channel\":\"news\",\"data\":{\"n\":1}}");
            assertThat(js.await("a", "publication").get("offset").intValue()).isEqualTo(1);

            js.run("disconnect", "c", "a");
            js.await("a", "disconnected");
            for (int n = 2; n <= 4; n++) {
                gw.api("publish", "{\"channel\":\"news\",\"data\":{\"n\":" + n + "}}");
            }
            js.run("connect", "c", "a");
            JsonNode again = js.await("a", "subscribed");
            assertThat(again.get("wasRecovering").booleanValue()).as("%s", again).isTrue();
            assertThat(again.get("recovered").booleanValue()).as("%s", again).isTrue();
            gw.api("publish", "{\"channel\":\"news\",\"data\":{\"n\":5}}");

            List<JsonNode> received = js.collect("a", "publication", 600);
            assertThat(received).extracting(p -> p.get("offset").intValue()).containsExactly(2, 3, 4, 5);
            assertThat(received).extracting(p -> p.get("data").get("n").intValue()).containsExactly(2, 3, 4, 5);
        }
    }

    @Test
    void reportsNotRecoveredWhenMorePublicationsWereMissedThanHistoryKeeps() throws Exception {
        try (ConfiguredGateway gw = gateway(); CentrifugeJsDriver js = new CentrifugeJsDriver(gw.websocket(), e -> null)) {
            js.send(obj("new", "c", "a", "token", weftToken("--user", "alice")));
            js.send(obj("sub", "c", "a", "ch", "short:feed").put("recoverable", true));
            js.run("connect", "c", "a");
            js.await("a", "subscribed");
            gw.api("publish", "{\"channel\":\"short:feed\",\"data\":{\"n\":1}}");
            assertThat(js.await("a", "publication").get("offset").intValue()).isEqualTo(1);

            js.run("disconnect", "c", "a");
            js.await("a", "disconnected");
            // Offsets 2..6; history keeps 4..6, so offset 2 and 3 are gone.
            for (int n = 2; n <= 6; n++) {
                gw.api("publish", "{\"channel\":\"short:feed\",\"data\":{\"n\":" + n + "}}");
            }
            js.run("connect", "c", "a");
            JsonNode again = js.await("a", "subscribed");
            assertThat(again.get("wasRecovering").booleanValue()).as("%s", again).isTrue();
            assertThat(again.get("recovered").booleanValue()).as("%s", again).isFalse();
            assertThat(again.get("position").get("offset").intValue()).as("%s", again).isEqualTo(6);
            gw.api("publish", "{\"channel\":\"short:feed\",\"data\":{\"n\":7}}");

            // Nothing replayed; live publications go on.
            List<JsonNode> received = js.collect("a", "publication", 600);
            assertThat(received).extracting(p -> p.get("offset").intValue()).containsExactly(7);
        }
    }

    @Test
    void presenceAndPresenceStatsListBothSubscribersAndJoinLeaveArrive() throws Exception {
        try (ConfiguredGateway gw = gateway(); CentrifugeJsDriver js = new CentrifugeJsDriver(gw.websocket(), e -> null)) {
            js.send(obj("new", "c", "a", "token", weftToken("--user", "alice")));
            js.send(obj("new", "c", "b", "token", weftToken("--user", "bob")));
            js.send(obj("sub", "c", "a", "ch", "chat:room").put("joinLeave", true));
            js.run("connect", "c", "a");
            js.await("a", "subscribed");
            js.send(obj("sub", "c", "b", "ch", "chat:room").put("joinLeave", true));
            js.run("connect", "c", "b");
            js.await("b", "subscribed");
            assertThat(js.await("a", "join").get("user").asText()).isEqualTo("bob");

            js.send(obj("presence", "c", "a", "ch", "chat:room"));
            JsonNode presence = js.await("a", "presence");
            assertThat(presence.get("users").toString()).isEqualTo("[\"alice\",\"bob\"]");
            assertThat(presence.get("clients").intValue()).isEqualTo(2);
            js.send(obj("presenceStats", "c", "a", "ch", "chat:room"));
            JsonNode stats = js.await("a", "presenceStats");
            assertThat(stats.get("numClients").intValue()).isEqualTo(2);
            assertThat(stats.get("numUsers").intValue()).isEqualTo(2);

            js.send(obj("unsub", "c", "b", "ch", "chat:room"));
            assertThat(js.await("a", "leave").get("user").asText()).isEqualTo("bob");
            js.send(obj("presenceStats", "c", "a", "ch", "chat:room"));
            assertThat(js.await("a", "presenceStats").get("numClients").intValue()).isEqualTo(1);
        }
    }

    @Test
    void historyHonoursLimitSinceAndReverse() throws Exception {
        try (ConfiguredGateway gw = gateway(); CentrifugeJsDriver js = new CentrifugeJsDriver(gw.websocket(), e -> null)) {
            for (int n = 1; n <= 5; n++) {
                gw.api("publish", "{\"channel\":\"log\",\"data\":{\"n\":" + n + "}}");
            }
            js.send(obj("new", "c", "a", "token", weftToken("--user", "alice")));
            js.send(obj("sub", "c", "a", "ch", "log"));
            js.run("connect", "c", "a");
            js.await("a", "subscribed");

            JsonNode all = history(js, obj("history", "c", "a", "ch", "log").put("limit", -1));
            assertThat(all.get("offset").intValue()).isEqualTo(5);
            String epoch = all.get("epoch").asText();
            assertThat(all.get("data").toString()).isEqualTo("[{\"n\":1},{\"n\":2},{\"n\":3},{\"n\":4},{\"n\":5}]");
            assertThat(history(js, obj("history", "c", "a", "ch", "log").put("limit", 2)).get("offsets").toString())
                    .isEqualTo("[1,2]");
            assertThat(history(js, obj("history", "c", "a", "ch", "log").put("limit", 2).put("reverse", true))
                    .get("offsets").toString()).isEqualTo("[5,4]");
            var since = obj("history", "c", "a", "ch", "log").put("limit", 10);
            since.putObject("since").put("offset", 2).put("epoch", epoch);
            assertThat(history(js, since).get("offsets").toString()).isEqualTo("[3,4,5]");
            var sinceReverse = obj("history", "c", "a", "ch", "log").put("limit", 10).put("reverse", true);
            sinceReverse.putObject("since").put("offset", 4).put("epoch", epoch);
            assertThat(history(js, sinceReverse).get("offsets").toString()).isEqualTo("[3,2,1]");
            JsonNode none = history(js, obj("history", "c", "a", "ch", "log").put("limit", 0));
            assertThat(none.get("offsets").toString()).isEqualTo("[]");
            assertThat(none.get("offset").intValue()).isEqualTo(5);
        }
    }

    private static JsonNode history(CentrifugeJsDriver js, ObjectNode command) {
        js.send(command);
        return js.await(e -> e.path("c").asText().equals("a") && e.path("ev").asText().startsWith("history"));
    }

    @Test
    void serverSideSubscriptionFromTheTokensChannelsClaimDeliversPublications() throws Exception {
        try (ConfiguredGateway gw = gateway(); CentrifugeJsDriver js = new CentrifugeJsDriver(gw.websocket(), e -> null)) {
            js.send(obj("new", "c", "a", "token", weftToken("--user", "carol", "--channel", "alerts")));
            js.run("connect", "c", "a");
            js.await("a", "connected");
            assertThat(js.await("a", "server subscribed").get("ch").asText()).isEqualTo("alerts");

            gw.api("publish", "{\"channel\":\"alerts\",\"data\":{\"level\":\"high\"}}");
            JsonNode p = js.await("a", "server publication");
            assertThat(p.get("ch").asText()).isEqualTo("alerts");
            assertThat(p.get("data").toString()).isEqualTo("{\"level\":\"high\"}");
        }
    }

    @Test
    void serverSideSubscriptionMadeThroughTheApiWhileConnectedDeliversPublications() throws Exception {
        try (ConfiguredGateway gw = gateway(); CentrifugeJsDriver js = new CentrifugeJsDriver(gw.websocket(), e -> null)) {
            js.send(obj("new", "c", "a", "token", weftToken("--user", "dave")));
            js.run("connect", "c", "a");
            js.await("a", "connected");

            gw.api("subscribe", "{\"user\":\"dave\",\"channel\":\"ops\"}");
            assertThat(js.await("a", "server subscribed").get("ch").asText()).isEqualTo("ops");
            gw.api("publish", "{\"channel\":\"ops\",\"data\":{\"deploy\":42}}");
            assertThat(js.await("a", "server publication").get("data").toString()).isEqualTo("{\"deploy\":42}");

            gw.api("unsubscribe", "{\"user\":\"dave\",\"channel\":\"ops\"}");
            assertThat(js.await("a", "server unsubscribed").get("ch").asText()).isEqualTo("ops");
        }
    }
}
