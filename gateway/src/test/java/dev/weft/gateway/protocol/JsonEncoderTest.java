package dev.weft.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Replies and pushes byte for byte as the reference server writes them. */
class JsonEncoderTest {
    private final JsonEncoder encoder = new JsonEncoder();

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void connectReply() {
        var result = new Result.Connect("c1-uuid", "0.1.0", false, 0, null, Map.of(), 25, true);
        assertThat(s(encoder.reply(1, result)))
                .isEqualTo("{\"id\":1,\"connect\":{\"client\":\"c1-uuid\",\"version\":\"0.1.0\",\"ping\":25,\"pong\":true}}");
    }

    @Test
    void connectReplyWithExpiryDataAndServerSideSubs() {
        var sub = new Result.Subscribe(false, 0, true, "ep", List.of(), false, 3, false, null, false);
        var result = new Result.Connect("c", "v", true, 60, RawJson.of("{\"k\":1}"), Map.of("$user:1", sub), 25, true);
        assertThat(s(encoder.reply(1, result))).isEqualTo("{\"id\":1,\"connect\":{\"client\":\"c\",\"version\":\"v\","
                + "\"expires\":true,\"ttl\":60,\"data\":{\"k\":1},\"subs\":{\"$user:1\":{\"recoverable\":true,"
                + "\"epoch\":\"ep\",\"offset\":3}},\"ping\":25,\"pong\":true}}");
    }

    @Test
    void subscribeReplyAfterRecovery() {
        var pub = new Publication(5, RawJson.of("{\"input\":\"x\"}"), null, Map.of());
        var result = new Result.Subscribe(false, 0, true, "ep", List.of(pub), true, 4, false, null, true);
        assertThat(s(encoder.reply(2, result))).isEqualTo("{\"id\":2,\"subscribe\":{\"recoverable\":true,\"epoch\":\"ep\","
                + "\"publications\":[{\"data\":{\"input\":\"x\"},\"offset\":5}],\"recovered\":true,\"offset\":4,"
                + "\"was_recovering\":true}}");
    }

    @Test
    void emptyResults() {
        assertThat(s(encoder.reply(3, new Result.Publish()))).isEqualTo("{\"id\":3,\"publish\":{}}");
        assertThat(s(encoder.reply(4, new Result.Unsubscribe()))).isEqualTo("{\"id\":4,\"unsubscribe\":{}}");
        assertThat(s(encoder.reply(5, new Result.Ping()))).isEqualTo("{\"id\":5,\"ping\":{}}");
        assertThat(s(encoder.reply(6, new Result.Subscribe(false, 0, false, "", List.of(), false, 0, false, null, false))))
                .isEqualTo("{\"id\":6,\"subscribe\":{}}");
    }

    @Test
    void presenceAndStatsKeepZeroCounts() {
        var info = new ClientInfo("42", "c1", RawJson.of("{\"name\":\"Ann\"}"), null);
        assertThat(s(encoder.reply(7, new Result.Presence(Map.of("c1", info))))).isEqualTo(
                "{\"id\":7,\"presence\":{\"presence\":{\"c1\":{\"user\":\"42\",\"client\":\"c1\",\"conn_info\":{\"name\":\"Ann\"}}}}}");
        assertThat(s(encoder.reply(8, new Result.PresenceStats(0, 0))))
                .isEqualTo("{\"id\":8,\"presence_stats\":{\"num_clients\":0,\"num_users\":0}}");
    }

    @Test
    void historyAlwaysHasPublicationsEpochAndOffset() {
        assertThat(s(encoder.reply(9, new Result.History(List.of(), "", 0))))
                .isEqualTo("{\"id\":9,\"history\":{\"publications\":[],\"epoch\":\"\",\"offset\":0}}");
        var pub = new Publication(2, RawJson.of("1"), new ClientInfo("", "c", null, null), Map.of("b", "2", "a", "1"));
        assertThat(s(encoder.reply(9, new Result.History(List.of(pub), "e", 2)))).isEqualTo(
                "{\"id\":9,\"history\":{\"publications\":[{\"data\":1,\"info\":{\"user\":\"\",\"client\":\"c\"},"
                        + "\"offset\":2,\"tags\":{\"a\":\"1\",\"b\":\"2\"}}],\"epoch\":\"e\",\"offset\":2}}");
    }

    @Test
    void rpcAndRefreshReplies() {
        assertThat(s(encoder.reply(10, new Result.Rpc(RawJson.of("{\"ok\":true}")))))
                .isEqualTo("{\"id\":10,\"rpc\":{\"data\":{\"ok\":true}}}");
        assertThat(s(encoder.reply(11, new Result.Refresh("c", "v", true, 30))))
                .isEqualTo("{\"id\":11,\"refresh\":{\"client\":\"c\",\"version\":\"v\",\"expires\":true,\"ttl\":30}}");
        assertThat(s(encoder.reply(12, new Result.SubRefresh(true, 30))))
                .isEqualTo("{\"id\":12,\"sub_refresh\":{\"expires\":true,\"ttl\":30}}");
    }

    @Test
    void errorReplies() {
        assertThat(s(encoder.error(2, ErrorCode.PERMISSION_DENIED.toError())))
                .isEqualTo("{\"id\":2,\"error\":{\"code\":103,\"message\":\"permission denied\"}}");
        assertThat(s(encoder.error(3, ErrorCode.INTERNAL.toError())))
                .isEqualTo("{\"id\":3,\"error\":{\"code\":100,\"message\":\"internal server error\",\"temporary\":true}}");
    }

    @Test
    void publicationPush() {
        var pub = new Publication(1, RawJson.of("{\"input\":\"hello\"}"), null, Map.of());
        assertThat(s(encoder.push("news", new Push.Pub(pub))))
                .isEqualTo("{\"push\":{\"channel\":\"news\",\"pub\":{\"data\":{\"input\":\"hello\"},\"offset\":1}}}");
        var noHistory = new Publication(0, RawJson.of("\"x\""), null, Map.of());
        assertThat(s(encoder.push("news", new Push.Pub(noHistory))))
                .isEqualTo("{\"push\":{\"channel\":\"news\",\"pub\":{\"data\":\"x\"}}}");
    }

    @Test
    void joinLeaveUnsubscribeAndSubscribePushes() {
        var info = new ClientInfo("u", "c", null, RawJson.of("{\"r\":1}"));
        assertThat(s(encoder.push("chat", new Push.Join(info))))
                .isEqualTo("{\"push\":{\"channel\":\"chat\",\"join\":{\"info\":{\"user\":\"u\",\"client\":\"c\",\"chan_info\":{\"r\":1}}}}}");
        assertThat(s(encoder.push("chat", new Push.Leave(info))))
                .isEqualTo("{\"push\":{\"channel\":\"chat\",\"leave\":{\"info\":{\"user\":\"u\",\"client\":\"c\",\"chan_info\":{\"r\":1}}}}}");
        assertThat(s(encoder.push("chat", new Push.Unsubscribe(Push.Unsubscribe.SERVER, "server unsubscribe"))))
                .isEqualTo("{\"push\":{\"channel\":\"chat\",\"unsubscribe\":{\"code\":2000,\"reason\":\"server unsubscribe\"}}}");
        assertThat(s(encoder.push("$user:1", new Push.Subscribe(true, "e", 4, false, null))))
                .isEqualTo("{\"push\":{\"channel\":\"$user:1\",\"subscribe\":{\"recoverable\":true,\"epoch\":\"e\",\"offset\":4}}}");
    }

    @Test
    void connectionLevelPushesHaveNoChannel() {
        assertThat(s(encoder.push("", new Push.Message(RawJson.of("{\"m\":1}")))))
                .isEqualTo("{\"push\":{\"message\":{\"data\":{\"m\":1}}}}");
        assertThat(s(encoder.push("", new Push.Disconnect(DisconnectCode.SHUTDOWN.toDisconnect()))))
                .isEqualTo("{\"push\":{\"disconnect\":{\"code\":3001,\"reason\":\"shutdown\",\"reconnect\":true}}}");
        assertThat(s(encoder.push("", new Push.Disconnect(DisconnectCode.INVALID_TOKEN.toDisconnect()))))
                .isEqualTo("{\"push\":{\"disconnect\":{\"code\":3500,\"reason\":\"invalid token\"}}}");
        assertThat(s(encoder.push("", new Push.Refresh(true, 10))))
                .isEqualTo("{\"push\":{\"refresh\":{\"expires\":true,\"ttl\":10}}}");
        var connect = new Result.Connect("c", "v", false, 0, null, Map.of(), 25, true);
        assertThat(s(encoder.push("", new Push.Connect(connect))))
                .isEqualTo("{\"push\":{\"connect\":{\"client\":\"c\",\"version\":\"v\",\"ping\":25,\"pong\":true}}}");
    }

    @Test
    void payloadsLargerThanTheGeneratorBufferAndNonAsciiAreCopiedExactly() {
        String big = "{\"t\":\"" + "ä€𝄞x".repeat(20_000) + "\"}";
        var pub = new Publication(7, RawJson.of(big), null, Map.of());
        assertThat(s(encoder.push("c", new Push.Pub(pub))))
                .isEqualTo("{\"push\":{\"channel\":\"c\",\"pub\":{\"data\":" + big + ",\"offset\":7}}}");
    }

    @Test
    void pingIsEmptyObject() {
        assertThat(s(JsonEncoder.PING)).isEqualTo("{}");
    }

    @Test
    void decodedPayloadRoundTripsIntoAPushUnchanged() throws Exception {
        String frame = "{\"publish\":{\"channel\":\"a\",\"data\":{\"t\" : [1, 2.0, \"\\u00e9\"]}},\"id\":1}";
        var publish = (Request.Publish) new CommandDecoder().decode(frame.getBytes(StandardCharsets.UTF_8))
                .getFirst().request();
        var pub = new Publication(0, publish.data(), null, Map.of());
        assertThat(s(encoder.push("a", new Push.Pub(pub))))
                .isEqualTo("{\"push\":{\"channel\":\"a\",\"pub\":{\"data\":{\"t\" : [1, 2.0, \"\\u00e9\"]}}}}");
    }
}
