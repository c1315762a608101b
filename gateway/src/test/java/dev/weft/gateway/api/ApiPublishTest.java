package dev.weft.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.gateway.server.LeakCheck;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code publish} and {@code broadcast} reaching WebSocket subscribers, history, idempotency and errors. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ApiPublishTest {
    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    @Test
    void publishReachesSubscribedClientWithOffsetAndTags() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool());
             WsClient alice = gw.subscribed("alice", "news")) {
            JsonNode r = gw.result("publish", "{\"channel\":\"news\",\"data\":{\"text\":\"hi\"},\"tags\":{\"k\":\"v\"}}");
            assertThat(r.get("offset").longValue()).isEqualTo(1);
            String epoch = r.get("epoch").textValue();
            assertThat(epoch).isNotEmpty();
            // A server publication has no client info.
            assertThat(alice.next()).isEqualTo(
                    "{\"push\":{\"channel\":\"news\",\"pub\":{\"data\":{\"text\":\"hi\"},\"offset\":1,\"tags\":{\"k\":\"v\"}}}}");
            JsonNode second = gw.result("publish", "{\"channel\":\"news\",\"data\":2}");
            assertThat(second.get("offset").longValue()).isEqualTo(2);
            assertThat(second.get("epoch").textValue()).isEqualTo(epoch);
        }
    }

    @Test
    void idempotencyKeyPublishesOnceAndRepeatsTheResult() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool());
             WsClient alice = gw.subscribed("alice", "news")) {
            String body = "{\"channel\":\"news\",\"data\":{\"order\":7},\"idempotency_key\":\"order-7\"}";
            JsonNode first = gw.result("publish", body);
            JsonNode repeat = gw.result("publish", body);
            assertThat(repeat).isEqualTo(first);
            assertThat(alice.next()).contains("\"data\":{\"order\":7}");
            alice.assertQuiet(200);
            // The key is per channel, and another key publishes again.
            JsonNode other = gw.result("publish", "{\"channel\":\"news\",\"data\":8,\"idempotency_key\":\"order-8\"}");
            assertThat(other.get("offset").longValue()).isEqualTo(2);
            JsonNode elsewhere = gw.result("publish", "{\"channel\":\"other\",\"data\":1,\"idempotency_key\":\"order-7\"}");
            assertThat(elsewhere.get("offset").longValue()).isEqualTo(1);
            assertThat(gw.result("history", "{\"channel\":\"news\",\"limit\":-1}").get("publications")).hasSize(2);
        }
    }

    @Test
    void concurrentRepeatsOverHttpPublishOnce() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool());
             WsClient alice = gw.subscribed("alice", "news")) {
            String body = "{\"channel\":\"news\",\"data\":{\"once\":true},\"idempotency_key\":\"race\"}";
            int senders = 8;
            List<Future<JsonNode>> results = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(senders)) {
                CountDownLatch start = new CountDownLatch(1);
                for (int i = 0; i < senders; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return gw.result("publish", body);
                    }));
                }
                start.countDown();
            }
            JsonNode first = results.get(0).get();
            for (Future<JsonNode> r : results) {
                assertThat(r.get()).isEqualTo(first);
            }
            assertThat(alice.next()).contains("\"data\":{\"once\":true}");
            alice.assertQuiet(200);
            assertThat(gw.result("history", "{\"channel\":\"news\",\"limit\":-1}").get("publications")).hasSize(1);
        }
    }

    @Test
    void skipHistoryDeliversWithoutKeeping() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool());
             WsClient alice = gw.subscribed("alice", "news")) {
            JsonNode r = gw.result("publish", "{\"channel\":\"news\",\"data\":\"live only\",\"skip_history\":true}");
            assertThat(r.toString()).isEqualTo("{}");
            assertThat(alice.next()).isEqualTo("{\"push\":{\"channel\":\"news\",\"pub\":{\"data\":\"live only\"}}}");
            JsonNode history = gw.result("history", "{\"channel\":\"news\",\"limit\":-1}");
            assertThat(history.get("publications")).isEmpty();
            assertThat(history.get("offset").longValue()).isZero();
        }
    }

    @Test
    void b64dataCarriesBase64OfJson() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool());
             WsClient alice = gw.subscribed("alice", "news")) {
            String b64 = Base64.getEncoder().encodeToString("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
            gw.result("publish", "{\"channel\":\"news\",\"b64data\":\"" + b64 + "\"}");
            assertThat(alice.next()).contains("\"pub\":{\"data\":{\"a\":1}");
            assertThat(gw.errorCode("publish", "{\"channel\":\"news\",\"b64data\":\"%%%\"}")).isEqualTo(107);
            String notJson = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});
            assertThat(gw.errorCode("publish", "{\"channel\":\"news\",\"b64data\":\"" + notJson + "\"}")).isEqualTo(107);
        }
    }

    @Test
    void publishErrorsCarryCentrifugoCodes() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool())) {
            assertThat(gw.call("publish", "{\"data\":{}}").toString())
                    .isEqualTo("{\"error\":{\"code\":107,\"message\":\"bad request\"}}");
            assertThat(gw.call("publish", "{\"channel\":\"nope:x\",\"data\":{}}").toString())
                    .isEqualTo("{\"error\":{\"code\":102,\"message\":\"unknown channel\"}}");
            assertThat(gw.errorCode("publish", "{\"channel\":\"news\"}")).as("no data").isEqualTo(107);
            assertThat(gw.errorCode("publish", "{\"channel\":\"news\",\"data\":null}")).as("null data").isEqualTo(107);
        }
    }

    @Test
    void broadcastAnswersPerChannel() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool());
             WsClient a = gw.subscribed("alice", "a");
             WsClient b = gw.subscribed("bob", "b")) {
            JsonNode r = gw.result("broadcast", "{\"channels\":[\"a\",\"b\",\"nope:c\",\"\"],\"data\":{\"all\":true}}");
            JsonNode responses = r.get("responses");
            assertThat(responses).hasSize(4);
            assertThat(responses.get(0).get("result").get("offset").longValue()).isEqualTo(1);
            assertThat(responses.get(1).get("result").get("offset").longValue()).isEqualTo(1);
            assertThat(responses.get(2).toString()).isEqualTo("{\"error\":{\"code\":102,\"message\":\"unknown channel\"}}");
            assertThat(responses.get(3).toString()).isEqualTo("{\"error\":{\"code\":107,\"message\":\"bad request\"}}");
            assertThat(a.next()).startsWith("{\"push\":{\"channel\":\"a\",\"pub\":{\"data\":{\"all\":true}");
            assertThat(b.next()).startsWith("{\"push\":{\"channel\":\"b\",\"pub\":{\"data\":{\"all\":true}");
            assertThat(gw.errorCode("broadcast", "{\"channels\":[],\"data\":{}}")).isEqualTo(107);
        }
    }
}
