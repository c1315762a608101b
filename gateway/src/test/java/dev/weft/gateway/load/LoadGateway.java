package dev.weft.gateway.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.gateway.PoolDrain;
import dev.weft.gateway.auth.TokenIssuer;
import dev.weft.gateway.server.GatewayMainAccess;
import dev.weft.gateway.server.GatewayServer;
import dev.weft.gateway.server.ServerLimits;
import dev.weft.io.IoBackend;
import dev.weft.io.IoConfig;
import dev.weft.io.IoDrivers;
import dev.weft.io.TcpListener;
import dev.weft.io.buffer.BufferPool;
import dev.weft.runtime.Runtime;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

/**
 * The embedded gateway node with the server API, on a two-worker runtime of its own and a
 * loopback port: the server side of the load tests (clients run on another runtime or JVM).
 */
final class LoadGateway implements AutoCloseable {
    static final String API_KEY = "load-api-key";
    private static final byte[] SECRET = "a-test-hmac-secret-of-at-least-32-bytes".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    final Runtime rt;
    final BufferPool pool;
    final GatewayServer server;
    final int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final TokenIssuer issuer = TokenIssuer.hs256(SECRET, InstantSource.system());
    private boolean isShutDown;

    LoadGateway(BufferPool pool) {
        this.pool = pool;
        this.rt = Runtime.builder().workers(2).threadName("gw-load")
                .drivers(IoDrivers.factory(IoBackend.IO_URING, IoConfig.defaults(pool)))
                .shutdownTimeout(Duration.ofSeconds(10)).build();
        this.server = GatewayServer.builder(pool, GatewayMainAccess.protocol(SECRET))
                .limits(ServerLimits.unlimited(Duration.ofSeconds(25))).apiKey(API_KEY).build();
        TcpListener listener = rt.blockOn(rt.spawn(server.listen(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))));
        this.port = listener.localAddress().getPort();
    }

    URI websocket() {
        return URI.create("ws://127.0.0.1:" + port + GatewayServer.WEBSOCKET_PATH);
    }

    String token(String user) {
        return issuer.connectionToken(user, Duration.ofHours(1), null, List.of());
    }

    /** {@code POST /api/<method>} with the key; returns {@code result}, asserting 200 and no error. */
    JsonNode api(String method, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/" + method))
                .header("X-API-Key", API_KEY).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("status of %s: %s", method, r.body()).isEqualTo(200);
        JsonNode reply = JSON.readTree(r.body());
        assertThat(reply.has("error")).as("%s answered %s", method, reply).isFalse();
        return reply.get("result");
    }

    /** Closes every client with 3001 and waits for their close handshakes, as on SIGTERM. */
    void shutdown() {
        isShutDown = true;
        server.shutdown(Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        http.close();
        if (!isShutDown) {
            shutdown();
        }
        PoolDrain.await(pool, Duration.ofSeconds(2));
        rt.close();
    }
}
