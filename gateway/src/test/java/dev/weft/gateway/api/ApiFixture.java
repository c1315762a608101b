package dev.weft.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.gateway.PoolDrain;
import dev.weft.gateway.auth.TokenIssuer;
import dev.weft.gateway.server.GatewayMainAccess;
import dev.weft.gateway.server.GatewayServer;
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
 * The embedded gateway node (as {@code ./weft gateway} builds it) with the server API on,
 * on a two-worker runtime and a loopback port, plus an HTTP/1.1 client for {@code /api/}.
 * HTTP/1.1 because the JDK client's default (HTTP/2) sends {@code Upgrade: h2c}.
 */
final class ApiFixture implements AutoCloseable {
    static final String API_KEY = "test-api-key";
    static final byte[] SECRET = "a-test-hmac-secret-of-at-least-32-bytes".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    final Runtime rt;
    final BufferPool pool;
    final GatewayServer server;
    final int port;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final TokenIssuer issuer = TokenIssuer.hs256(SECRET, InstantSource.system());

    ApiFixture(BufferPool pool) {
        this.pool = pool;
        this.rt = Runtime.builder().workers(2).threadName("gw-api")
                .drivers(IoDrivers.factory(IoBackend.IO_URING, IoConfig.defaults(pool)))
                .shutdownTimeout(Duration.ofSeconds(5)).build();
        this.server = GatewayServer.builder(pool, GatewayMainAccess.protocol(SECRET)).apiKey(API_KEY).build();
        TcpListener listener = rt.blockOn(rt.spawn(server.listen(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))));
        this.port = listener.localAddress().getPort();
    }

    URI api(String method) {
        return URI.create("http://127.0.0.1:" + port + "/api/" + method);
    }

    /** POSTs {@code body} with the right key in {@code X-API-Key}. */
    HttpResponse<String> post(String method, String body) throws Exception {
        return send(HttpRequest.newBuilder(api(method)).header("X-API-Key", API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs and returns the parsed body, asserting 200 and JSON. */
    JsonNode call(String method, String body) throws Exception {
        HttpResponse<String> r = post(method, body);
        assertThat(r.statusCode()).as("status of %s %s: %s", method, body, r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(r.body());
    }

    /** POSTs and returns {@code result}, asserting there is no error. */
    JsonNode result(String method, String body) throws Exception {
        JsonNode reply = call(method, body);
        assertThat(reply.has("error")).as("%s %s answered %s", method, body, reply).isFalse();
        return reply.get("result");
    }

    /** POSTs and returns the error code, asserting there is no result. */
    int errorCode(String method, String body) throws Exception {
        JsonNode reply = call(method, body);
        assertThat(reply.has("result")).as("%s %s answered %s", method, body, reply).isFalse();
        return reply.get("error").get("code").intValue();
    }

    URI websocket() {
        return URI.create("ws://127.0.0.1:" + port + GatewayServer.WEBSOCKET_PATH);
    }

    /** A WebSocket client connected as {@code user} (connect reply consumed). */
    WsClient connect(String user) throws Exception {
        WsClient c = new WsClient(http, websocket());
        c.send("{\"id\":1,\"connect\":{\"token\":\"" + issuer.connectionToken(user, Duration.ofHours(1), null, List.of())
                + "\"}}");
        String reply = c.next();
        assertThat(reply).startsWith("{\"id\":1,\"connect\":{\"client\":\"");
        c.clientId = JSON.readTree(reply).get("connect").get("client").textValue();
        return c;
    }

    /** A connected client subscribed to {@code channel} (subscribe reply consumed). */
    WsClient subscribed(String user, String channel) throws Exception {
        WsClient c = connect(user);
        c.send("{\"id\":2,\"subscribe\":{\"channel\":\"" + channel + "\"}}");
        assertThat(c.next()).startsWith("{\"id\":2,\"subscribe\":{");
        return c;
    }

    @Override
    public void close() {
        http.close();
        server.shutdown(Duration.ofSeconds(2));
        PoolDrain.await(pool, Duration.ofSeconds(1));
        rt.close();
    }
}
