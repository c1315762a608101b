package dev.weft.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.gateway.PoolDrain;
import dev.weft.gateway.auth.TokenConfig;
import dev.weft.gateway.config.ConfigException;
import dev.weft.gateway.config.ConfigLoader;
import dev.weft.gateway.config.GatewayConfig;
import dev.weft.io.IoBackend;
import dev.weft.io.IoConfig;
import dev.weft.io.IoDrivers;
import dev.weft.io.TcpListener;
import dev.weft.io.buffer.BufferPool;
import dev.weft.runtime.Runtime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A gateway node built as {@code ./weft gateway} builds it from its configuration (keys as
 * flags, namespaces as {@code WEFT_NAMESPACES} JSON, through {@link ConfigLoader}), with the
 * server API on, on a two-worker runtime and a loopback port.
 */
final class ConfiguredGateway implements AutoCloseable {
    static final String SECRET = "a-test-hmac-secret-of-at-least-32-bytes";
    static final String API_KEY = "interop-api-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    final Runtime rt;
    final BufferPool pool;
    final GatewayServer server;
    final int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** {@code flags}: config keys to values; the HMAC secret and API key are added unless given. */
    ConfiguredGateway(BufferPool pool, Map<String, String> flags, String namespacesJson) throws ConfigException {
        Map<String, String> all = new HashMap<>(flags);
        all.putIfAbsent("api_key", API_KEY);
        if (!all.containsKey("token_rsa_public_key")) {
            all.putIfAbsent("token_hmac_secret_key", SECRET);
        }
        Map<String, String> env = namespacesJson == null ? Map.of() : Map.of("WEFT_NAMESPACES", namespacesJson);
        GatewayConfig config = ConfigLoader.load(Optional.empty(), env, all);
        TokenConfig tokens = new TokenConfig(config.tokenHmacSecretKey(), config.tokenRsaPublicKey(),
                config.tokenEcdsaPublicKey(), config.tokenAudience(), config.tokenIssuer());
        this.pool = pool;
        this.rt = Runtime.builder().workers(2).threadName("gw-interop")
                .drivers(IoDrivers.factory(IoBackend.IO_URING, IoConfig.defaults(pool)))
                .shutdownTimeout(Duration.ofSeconds(5)).build();
        this.server = GatewayServer.builder(pool, GatewayMain.protocol(config, tokens))
                .limits(config.serverLimits()).apiKey(config.apiKey().orElseThrow()).build();
        TcpListener listener = rt.blockOn(rt.spawn(server.listen(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))));
        this.port = listener.localAddress().getPort();
    }

    URI websocket() {
        return URI.create("ws://127.0.0.1:" + port + GatewayServer.WEBSOCKET_PATH);
    }

    /** {@code POST /api/<method>} with the key; returns {@code result}, asserting 200 and no error. */
    JsonNode api(String method, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/" + method))
                .header("X-API-Key", API_KEY).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("status of %s %s: %s", method, body, r.body()).isEqualTo(200);
        JsonNode reply = JSON.readTree(r.body());
        assertThat(reply.has("error")).as("%s %s answered %s", method, body, reply).isFalse();
        return reply.get("result");
    }

    /** What {@code ./weft token <args>} prints (TokenMain's main, run here), signed with {@link #SECRET}. */
    static String weftToken(String... args) {
        String[] withSecret = new String[args.length + 2];
        System.arraycopy(args, 0, withSecret, 0, args.length);
        withSecret[args.length] = "--secret";
        withSecret[args.length + 1] = SECRET;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        synchronized (System.class) {
            PrintStream stdout = System.out;
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            try {
                TokenMain.main(withSecret);
            } finally {
                System.setOut(stdout);
            }
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).as("weft token output").matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\n");
        return printed.trim();
    }

    @Override
    public void close() {
        http.close();
        server.shutdown(Duration.ofSeconds(2));
        PoolDrain.await(pool, Duration.ofSeconds(1));
        rt.close();
    }
}
