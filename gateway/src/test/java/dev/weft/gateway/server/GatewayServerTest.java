package dev.weft.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.io.IoBackend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The gateway over real sockets with the JDK's WebSocket client: connect, subscribe and a
 * publication pushed to another connection, several commands in one frame, the close codes
 * for a bad token (3500), a malformed frame (3501) and shutdown (3001), and the HTTP probes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GatewayServerTest {
    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    /**
     * HTTP/1.1: the default (HTTP/2) client sends {@code Upgrade: h2c}, which the WebSocket
     * server takes for a failed WebSocket upgrade and answers 400.
     */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void closeHttp() {
        http.close();
    }

    private static String connect(long id, String token) {
        return "{\"id\":" + id + ",\"connect\":{\"token\":\"" + token + "\"}}";
    }

    @ParameterizedTest
    @EnumSource(value = IoBackend.class, names = {"IO_URING", "EPOLL"})
    void subscriberReceivesWhatAnotherClientPublishes(IoBackend backend) throws Exception {
        try (GatewayFixture gw = new GatewayFixture(backend, leaks.newPool());
             JdkClient alice = new JdkClient(http, gw.websocket());
             JdkClient bob = new JdkClient(http, gw.websocket())) {
            alice.send(connect(1, gw.token("alice")));
            assertThat(alice.next()).startsWith("{\"id\":1,\"connect\":{\"client\":\"").contains("\"version\":\"0.1.0\"");
            alice.send("{\"id\":2,\"subscribe\":{\"channel\":\"news\"}}");
            assertThat(alice.next()).startsWith("{\"id\":2,\"subscribe\":{");

            // Two commands in one frame, two replies.
            bob.send(connect(1, gw.token("bob")) + "\n{\"id\":2,\"publish\":{\"channel\":\"news\",\"data\":{\"text\":\"hi\"}}}");
            assertThat(bob.next()).startsWith("{\"id\":1,\"connect\":{");
            assertThat(bob.next()).isEqualTo("{\"id\":2,\"publish\":{}}");

            assertThat(alice.next()).startsWith("{\"push\":{\"channel\":\"news\",\"pub\":{\"data\":{\"text\":\"hi\"}")
                    .contains("\"user\":\"bob\"").contains("\"offset\":1");
            assertThat(gw.server.connectionCount()).isEqualTo(2);
        }
    }

    @Test
    void badTokenClosesWith3500() throws Exception {
        try (GatewayFixture gw = new GatewayFixture(IoBackend.IO_URING, leaks.newPool());
             JdkClient c = new JdkClient(http, gw.websocket())) {
            String forged = dev.weft.gateway.auth.TokenIssuer.hs256(
                    "another-secret-that-is-long-enough-32b".getBytes(), java.time.InstantSource.system())
                    .connectionToken("mallory", java.time.Duration.ofHours(1), null, java.util.List.of());
            c.send(connect(1, forged));
            assertThat(c.awaitClose()).isEqualTo(new JdkClient.Closed(3500, "invalid token"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = IoBackend.class, names = {"IO_URING", "EPOLL"})
    void malformedFrameClosesThatClientWith3501Only(IoBackend backend) throws Exception {
        try (GatewayFixture gw = new GatewayFixture(backend, leaks.newPool());
             JdkClient bad = new JdkClient(http, gw.websocket());
             JdkClient good = new JdkClient(http, gw.websocket())) {
            good.send(connect(1, gw.token("good")));
            assertThat(good.next()).startsWith("{\"id\":1,\"connect\":{");
            bad.send(connect(1, gw.token("bad")));
            assertThat(bad.next()).startsWith("{\"id\":1,\"connect\":{");

            bad.send("{\"id\":2,\"subscribe\":");
            assertThat(bad.awaitClose()).isEqualTo(new JdkClient.Closed(3501, "bad request"));

            good.send("{\"id\":2,\"subscribe\":{\"channel\":\"still-here\"}}");
            assertThat(good.next()).startsWith("{\"id\":2,\"subscribe\":{");
            assertThat(good.closed).isNotDone();
        }
    }

    @ParameterizedTest
    @EnumSource(value = IoBackend.class, names = {"IO_URING", "EPOLL"})
    void subscriberThatStopsReadingIsClosedWith3008(IoBackend backend) throws Exception {
        try (GatewayFixture gw = new GatewayFixture(backend, leaks.newPool());
             JdkClient reader = new JdkClient(http, gw.websocket());
             JdkClient publisher = new JdkClient(http, gw.websocket())) {
            reader.send(connect(1, gw.token("reader")));
            assertThat(reader.next()).startsWith("{\"id\":1,\"connect\":{");
            reader.send("{\"id\":2,\"subscribe\":{\"channel\":\"firehose\"}}");
            assertThat(reader.next()).startsWith("{\"id\":2,\"subscribe\":{");
            reader.pause();
            publisher.send(connect(1, gw.token("publisher")));
            assertThat(publisher.next()).startsWith("{\"id\":1,\"connect\":{");

            // 64 KiB publications until the reader's queue passes the 1 MiB client queue limit.
            String big = "x".repeat(64 * 1024);
            int sent = 0;
            while (gw.server.connectionCount() == 2 && sent < 2_000) {
                sent++;
                publisher.send("{\"id\":" + (sent + 1) + ",\"publish\":{\"channel\":\"firehose\",\"data\":\"" + big + "\"}}");
            }
            assertThat(gw.server.connectionCount()).as("reader disconnected after %d publications", sent).isEqualTo(1);
            // Read again so the close frame behind the backlog arrives within the close timeout.
            reader.resume();
            assertThat(reader.awaitClose()).isEqualTo(new JdkClient.Closed(3008, "slow"));
            assertThat(reader.messages).allMatch(m -> m.startsWith("{\"push\":{\"channel\":\"firehose\""));
            assertThat(publisher.closed).isNotDone();
        }
    }

    @Test
    void clientThatAnswersPingsStaysAndOneThatDoesNotIsClosedWith3012() throws Exception {
        // A ping every 2 s, answered within 2 s: room for a loaded machine to delay the answering client.
        ServerLimits limits = new ServerLimits(java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(2),
                java.time.Duration.ZERO, 0, 0, 16 << 20, 1 << 20);
        try (GatewayFixture gw = new GatewayFixture(IoBackend.IO_URING, leaks.newPool(), limits);
             JdkClient silent = new JdkClient(http, gw.websocket());
             JdkClient answering = new JdkClient(http, gw.websocket())) {
            silent.send(connect(1, gw.token("silent")));
            assertThat(silent.next()).startsWith("{\"id\":1,\"connect\":{");
            answering.send(connect(1, gw.token("answering")));
            assertThat(answering.next()).startsWith("{\"id\":1,\"connect\":{");

            assertThat(silent.next()).isEqualTo("{}");
            for (int i = 0; i < 3; i++) {
                assertThat(answering.next()).isEqualTo("{}");
                answering.send("{}");
            }
            assertThat(silent.awaitClose()).isEqualTo(new JdkClient.Closed(3012, "no pong"));
            assertThat(answering.closed).isNotDone();
        }
    }

    @Test
    void shutdownClosesClientsWith3001() throws Exception {
        GatewayFixture gw = new GatewayFixture(IoBackend.IO_URING, leaks.newPool());
        try (JdkClient c = new JdkClient(http, gw.websocket())) {
            c.send(connect(1, gw.token("u")));
            assertThat(c.next()).startsWith("{\"id\":1,\"connect\":{");
            gw.close(); // shutdown, then the runtime
            assertThat(c.awaitClose()).isEqualTo(new JdkClient.Closed(3001, "shutdown"));
        }
    }

    @Test
    void healthAndReadyAnswer200AndOtherPathsAreRefused() throws Exception {
        try (GatewayFixture gw = new GatewayFixture(IoBackend.IO_URING, leaks.newPool())) {
            HttpResponse<String> health = get(gw.uri("/health"));
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{}");
            assertThat(get(gw.uri("/ready")).statusCode()).isEqualTo(200);
            assertThat(get(gw.uri("/nothing")).statusCode()).isEqualTo(404);
            // WebSocket only on its path (a query is fine).
            try (JdkClient c = new JdkClient(http, gw.uri(GatewayServer.WEBSOCKET_PATH + "?format=json"))) {
                c.send(connect(1, gw.token("q")));
                assertThat(c.next()).startsWith("{\"id\":1,\"connect\":{");
            }
            assertThatThrownBy(() -> new JdkClient(http, gw.uri("/elsewhere")))
                    .rootCause().hasMessageContaining("404");
        }
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        URI plain = URI.create(uri.toString().replace("ws://", "http://"));
        return http.send(HttpRequest.newBuilder(plain).build(), HttpResponse.BodyHandlers.ofString());
    }
}
