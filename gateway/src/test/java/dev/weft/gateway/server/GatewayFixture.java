package dev.weft.gateway.server;

import dev.weft.gateway.PoolDrain;
import dev.weft.gateway.auth.TokenConfig;
import dev.weft.gateway.auth.TokenIssuer;
import dev.weft.gateway.config.GatewayConfig;
import dev.weft.gateway.demo.DemoPage;
import dev.weft.io.IoBackend;
import dev.weft.io.IoConfig;
import dev.weft.io.IoDrivers;
import dev.weft.io.TcpListener;
import dev.weft.io.buffer.BufferPool;
import dev.weft.runtime.Runtime;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

/** The embedded gateway node on a two-worker runtime, listening on a loopback port. */
final class GatewayFixture implements AutoCloseable {
    static final byte[] SECRET = "a-test-hmac-secret-of-at-least-32-bytes".getBytes(StandardCharsets.US_ASCII);

    final Runtime rt;
    final BufferPool pool;
    final GatewayServer server;
    final TcpListener listener;
    final int port;
    final TokenIssuer issuer = TokenIssuer.hs256(SECRET, InstantSource.system());

    GatewayFixture(IoBackend backend, BufferPool pool) {
        this(backend, pool, Duration.ofSeconds(25));
    }

    GatewayFixture(IoBackend backend, BufferPool pool, Duration pingInterval) {
        this(backend, pool, pingInterval, null);
    }

    /** With {@code demo} non-null the gateway serves the demo page. */
    GatewayFixture(IoBackend backend, BufferPool pool, Duration pingInterval, DemoPage demo) {
        this(backend, pool, GatewayServer.builder(pool, GatewayMain.protocol(SECRET))
                .limits(ServerLimits.unlimited(pingInterval)).demo(demo).build());
    }

    /** With transport limits of its own (ping interval, pong timeout, ...). */
    GatewayFixture(IoBackend backend, BufferPool pool, ServerLimits limits) {
        this(backend, pool, GatewayServer.builder(pool, GatewayMain.protocol(SECRET)).limits(limits).build());
    }

    /** The node as GatewayMain builds it from {@code config} (whose HMAC secret must be {@link #SECRET}). */
    GatewayFixture(IoBackend backend, BufferPool pool, GatewayConfig config) {
        this(backend, pool, GatewayServer.builder(pool, GatewayMain.protocol(config,
                new TokenConfig(config.tokenHmacSecretKey(), config.tokenRsaPublicKey(), config.tokenEcdsaPublicKey(),
                        config.tokenAudience(), config.tokenIssuer()))).limits(config.serverLimits()).build());
    }

    private GatewayFixture(IoBackend backend, BufferPool pool, GatewayServer server) {
        this.pool = pool;
        this.rt = Runtime.builder().workers(2).threadName("gw-" + backend.label())
                .drivers(IoDrivers.factory(backend, IoConfig.defaults(pool)))
                .shutdownTimeout(Duration.ofSeconds(5)).build();
        this.server = server;
        server.metrics().registerRuntime(rt);
        this.listener = rt.blockOn(rt.spawn(server.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))));
        this.port = listener.localAddress().getPort();
    }

    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + port + path);
    }

    URI http(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    URI websocket() {
        return uri(GatewayServer.WEBSOCKET_PATH);
    }

    String token(String user) {
        return issuer.connectionToken(user, Duration.ofHours(1), null, List.of());
    }

    @Override
    public void close() {
        server.shutdown(Duration.ofSeconds(2));
        PoolDrain.await(pool, Duration.ofSeconds(1));
        rt.close();
    }
}
