package dev.weft.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.io.IoBackend;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /metrics} over real sockets: two WebSocket clients connect, subscribe, publish,
 * get an error reply and are disconnected, and a scrape after each step shows every
 * gateway series moved by exactly what happened. Bytes are counted from what the clients
 * sent and received, so they match the wire.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MetricsEndpointTest {
    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Every frame the clients sent and received, to compare with the byte counters. */
    private final List<String> sent = new ArrayList<>();
    private final List<String> received = new ArrayList<>();

    @AfterEach
    void closeHttp() {
        http.close();
    }

    @Test
    void seriesMoveExactlyWithWhatClientsDo() throws Exception {
        try (GatewayFixture gw = new GatewayFixture(IoBackend.IO_URING, leaks.newPool());
             JdkClient alice = new JdkClient(http, gw.websocket());
             JdkClient bob = new JdkClient(http, gw.websocket())) {
            PrometheusText idle = scrape(gw);
            assertThat(idle.value("weft_gateway_node_num_clients")).isEqualTo(2.0);
            assertThat(idle.value("weft_gateway_transport_messages_received_total")).isZero();
            assertThat(idle.value("weft_gateway_client_num_commands_total", "method", "connect")).isZero();

            send(alice, "{\"id\":1,\"connect\":{\"token\":\"" + gw.token("alice") + "\"}}");
            assertThat(next(alice)).contains("\"connect\"");
            send(alice, "{\"id\":2,\"subscribe\":{\"channel\":\"news\"}}");
            assertThat(next(alice)).startsWith("{\"id\":2,\"subscribe\":");
            send(alice, "{\"id\":3,\"subscribe\":{\"channel\":\"news\"}}"); // twice: error 105
            assertThat(next(alice)).contains("\"code\":105");
            send(bob, "{\"id\":1,\"connect\":{\"token\":\"" + gw.token("bob") + "\"}}");
            assertThat(next(bob)).contains("\"connect\"");
            send(bob, "{\"id\":2,\"publish\":{\"channel\":\"news\",\"data\":{\"text\":\"héllo\"}}}");
            assertThat(next(bob)).isEqualTo("{\"id\":2,\"publish\":{}}");
            assertThat(next(alice)).contains("\"pub\"").contains("héllo");

            PrometheusText busy = scrape(gw);
            assertThat(busy.value("weft_gateway_node_num_clients")).isEqualTo(2.0);
            assertThat(busy.value("weft_gateway_node_num_channels")).isEqualTo(1.0);
            assertThat(busy.value("weft_gateway_node_num_subscriptions")).isEqualTo(1.0);
            assertThat(busy.value("weft_gateway_client_num_commands_total", "method", "connect")).isEqualTo(2.0);
            assertThat(busy.value("weft_gateway_client_num_commands_total", "method", "subscribe")).isEqualTo(2.0);
            assertThat(busy.value("weft_gateway_client_num_commands_total", "method", "publish")).isEqualTo(1.0);
            assertThat(busy.value("weft_gateway_client_num_commands_total", "method", "history")).isZero();
            assertThat(busy.all("weft_gateway_client_num_reply_errors_total")).singleElement()
                    .isEqualTo(new PrometheusText.Sample("weft_gateway_client_num_reply_errors_total",
                            java.util.Map.of("method", "subscribe", "code", "105"), 1.0));
            // 5 frames in, 6 messages out: 3 replies to alice, her publication, 2 replies to bob.
            assertThat(busy.value("weft_gateway_transport_messages_received_total")).isEqualTo(5.0);
            assertThat(busy.value("weft_gateway_transport_messages_received_size_total")).isEqualTo(utf8Bytes(sent));
            assertThat(busy.value("weft_gateway_transport_messages_sent_total")).isEqualTo(6.0);
            assertThat(busy.value("weft_gateway_transport_messages_sent_size_total")).isEqualTo(utf8Bytes(received));

            send(bob, "not json"); // closed with 3501 by the server
            assertThat(bob.awaitClose()).isEqualTo(new JdkClient.Closed(3501, "bad request"));
            alice.close(); // the client's own close: no server disconnect
            awaitNoClients(gw);

            PrometheusText after = scrape(gw);
            assertThat(after.value("weft_gateway_node_num_clients")).isZero();
            assertThat(after.value("weft_gateway_node_num_channels")).isZero();
            assertThat(after.value("weft_gateway_node_num_subscriptions")).isZero();
            assertThat(after.value("weft_gateway_transport_messages_received_total")).isEqualTo(6.0);
            assertThat(after.value("weft_gateway_transport_messages_sent_total")).isEqualTo(6.0);
            assertThat(after.all("weft_gateway_client_num_server_disconnects_total"))
                    .as("only 3501 counted, once").allSatisfy(s -> assertThat(s.value())
                            .isEqualTo(s.labels().get("code").equals("3501") ? 1.0 : 0.0))
                    .anySatisfy(s -> assertThat(s.labels()).containsEntry("code", "3501"));
        }
    }

    @Test
    void servesTheTextFormatWithTypesRuntimeAndJvmSeries() throws Exception {
        try (GatewayFixture gw = new GatewayFixture(IoBackend.EPOLL, leaks.newPool())) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(gw.http("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            PrometheusText text = PrometheusText.parse(r.body());
            assertThat(text.types()).containsEntry("weft_gateway_node_num_clients", "gauge")
                    .containsEntry("weft_gateway_client_num_commands_total", "counter")
                    .containsEntry("weft_gateway_transport_messages_sent_size_total", "counter")
                    .containsEntry("weft_runtime_polls_total", "counter")
                    .containsEntry("weft_runtime_live_tasks", "gauge");
            assertThat(text.all("weft_gateway_client_num_commands_total")).hasSize(13)
                    .allSatisfy(s -> assertThat(s.value()).isZero());
            assertThat(text.value("weft_runtime_workers")).isEqualTo(2.0);
            assertThat(text.value("weft_runtime_polls_total")).isPositive();
            assertThat(text.value("jvm_threads_current")).isPositive();
            assertThat(text.all("process_cpu_seconds_total")).hasSize(1);
        }
    }

    private void send(JdkClient c, String frame) {
        sent.add(frame);
        c.send(frame);
    }

    private String next(JdkClient c) throws InterruptedException {
        String m = c.next();
        received.add(m);
        return m;
    }

    private static double utf8Bytes(List<String> frames) {
        return frames.stream().mapToInt(f -> f.getBytes(StandardCharsets.UTF_8).length).sum();
    }

    private PrometheusText scrape(GatewayFixture gw) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(gw.http("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return PrometheusText.parse(r.body());
    }

    private static void awaitNoClients(GatewayFixture gw) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (gw.server.connectionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(gw.server.connectionCount()).as("connections after both closed").isZero();
    }
}
