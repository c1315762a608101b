package dev.weft.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.gateway.config.ConfigLoader;
import dev.weft.gateway.config.GatewayConfig;
import dev.weft.io.IoBackend;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each limit over real loopback WebSockets against a GatewayServer configured through the
 * config loader: the offending connection gets its code, another connection keeps working.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LimitsTest {
    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void closeHttp() {
        http.close();
    }

    private GatewayFixture gateway(String... keyValues) throws Exception {
        Map<String, String> flags = new HashMap<>();
        flags.put("token_hmac_secret_key", new String(GatewayFixture.SECRET, StandardCharsets.US_ASCII));
        for (int i = 0; i < keyValues.length; i += 2) {
            flags.put(keyValues[i], keyValues[i + 1]);
        }
        GatewayConfig config = ConfigLoader.load(Optional.empty(), Map.of(), flags);
        return new GatewayFixture(IoBackend.EPOLL, leaks.newPool(), config);
    }

    private static String connect(long id, String token) {
        return "{\"id\":" + id + ",\"connect\":{\"token\":\"" + token + "\"}}";
    }

    /** Connects and checks the reply, proving the connection works. */
    private static void connectOk(JdkClient c, GatewayFixture gw, String user) throws Exception {
        c.send(connect(1, gw.token(user)));
        assertThat(c.next()).startsWith("{\"id\":1,\"connect\":{");
    }

    private static void stillWorks(JdkClient c) throws Exception {
        c.send("{\"id\":99,\"ping\":{}}");
        assertThat(c.next()).isEqualTo("{\"id\":99,\"ping\":{}}");
    }

    @Test
    void connectionsBeyondTheTotalLimitCloseWith1013() throws Exception {
        try (GatewayFixture gw = gateway("client_connection_limit", "2");
             JdkClient a = new JdkClient(http, gw.websocket());
             JdkClient b = new JdkClient(http, gw.websocket())) {
            connectOk(a, gw, "a");
            connectOk(b, gw, "b");
            try (JdkClient c = new JdkClient(http, gw.websocket())) {
                assertThat(c.awaitClose()).isEqualTo(new JdkClient.Closed(1013, "connection limit"));
            }
            stillWorks(a);
            b.close();
            awaitCount(gw, 1);
            try (JdkClient d = new JdkClient(http, gw.websocket())) {
                connectOk(d, gw, "d"); // a slot freed by a close is reused
            }
        }
    }

    @Test
    void connectionsBeyondThePerIpLimitCloseWith1013() throws Exception {
        try (GatewayFixture gw = gateway("client_ip_connection_limit", "1");
             JdkClient a = new JdkClient(http, gw.websocket())) {
            connectOk(a, gw, "a");
            try (JdkClient b = new JdkClient(http, gw.websocket())) {
                assertThat(b.awaitClose()).isEqualTo(new JdkClient.Closed(1013, "ip connection limit"));
            }
            stillWorks(a);
        }
    }

    @Test
    void userConnectionsBeyondTheLimitCloseWith3504() throws Exception {
        try (GatewayFixture gw = gateway("client_user_connection_limit", "1");
             JdkClient first = new JdkClient(http, gw.websocket());
             JdkClient second = new JdkClient(http, gw.websocket());
             JdkClient other = new JdkClient(http, gw.websocket())) {
            connectOk(first, gw, "alice");
            second.send(connect(1, gw.token("alice")));
            assertThat(second.awaitClose()).isEqualTo(new JdkClient.Closed(3504, "connection limit"));
            connectOk(other, gw, "bob");
            stillWorks(first);
        }
    }

    @Test
    void commandsBeyondTheRateGetError111() throws Exception {
        try (GatewayFixture gw = gateway("client_command_rate_limit", "1", "client_command_burst", "3");
             JdkClient c = new JdkClient(http, gw.websocket());
             JdkClient other = new JdkClient(http, gw.websocket())) {
            c.send(connect(1, gw.token("a")) + "\n{\"id\":2,\"ping\":{}}\n{\"id\":3,\"ping\":{}}\n{\"id\":4,\"ping\":{}}");
            assertThat(c.next()).startsWith("{\"id\":1,\"connect\":{");
            assertThat(c.next()).isEqualTo("{\"id\":2,\"ping\":{}}");
            assertThat(c.next()).isEqualTo("{\"id\":3,\"ping\":{}}");
            assertThat(c.next()).isEqualTo("{\"id\":4,\"error\":{\"code\":111,\"message\":\"too many requests\",\"temporary\":true}}");
            connectOk(other, gw, "b");
            stillWorks(other);
            Thread.sleep(1100); // one token back
            stillWorks(c);
        }
    }

    @Test
    void channelNamesBeyondTheMaxLengthGetError107() throws Exception {
        try (GatewayFixture gw = gateway("channel_max_length", "10");
             JdkClient c = new JdkClient(http, gw.websocket())) {
            connectOk(c, gw, "a");
            c.send("{\"id\":2,\"subscribe\":{\"channel\":\"abcdefghijk\"}}");
            assertThat(c.next()).isEqualTo("{\"id\":2,\"error\":{\"code\":107,\"message\":\"bad request\"}}");
            c.send("{\"id\":3,\"subscribe\":{\"channel\":\"abcdefghij\"}}");
            assertThat(c.next()).startsWith("{\"id\":3,\"subscribe\":{");
        }
    }

    @Test
    void connectionsWithoutConnectCloseWith3502AfterTheDeadline() throws Exception {
        try (GatewayFixture gw = gateway("client_stale_close_delay", "1s");
             JdkClient idle = new JdkClient(http, gw.websocket());
             JdkClient active = new JdkClient(http, gw.websocket())) {
            connectOk(active, gw, "a");
            long start = System.nanoTime();
            assertThat(idle.awaitClose()).isEqualTo(new JdkClient.Closed(3502, "stale"));
            assertThat(System.nanoTime() - start).as("not before the deadline").isGreaterThan(500_000_000L);
            Thread.sleep(1200);
            stillWorks(active);
        }
    }

    @Test
    void messagesBeyondTheSizeLimitCloseWith1009() throws Exception {
        try (GatewayFixture gw = gateway("websocket_message_size_limit", "1024");
             JdkClient big = new JdkClient(http, gw.websocket());
             JdkClient small = new JdkClient(http, gw.websocket())) {
            connectOk(small, gw, "a");
            big.send("{\"id\":1,\"connect\":{\"token\":\"" + "x".repeat(2000) + "\"}}");
            assertThat(big.awaitClose().code()).isEqualTo(1009);
            stillWorks(small);
        }
    }

    private static void awaitCount(GatewayFixture gw, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (gw.server.connectionCount() != n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(gw.server.connectionCount()).isEqualTo(n);
    }
}
