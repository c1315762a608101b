package dev.weft.gateway.server;

import dev.weft.gateway.api.ApiHandler;
import dev.weft.gateway.client.ClientProtocolHandler;
import dev.weft.gateway.demo.DemoPage;
import dev.weft.gateway.metrics.GatewayMetrics;
import dev.weft.http.HttpHandler;
import dev.weft.http.Response;
import dev.weft.http.ResponseHead;
import dev.weft.http.Router;
import dev.weft.io.TcpListener;
import dev.weft.io.TcpOptions;
import dev.weft.io.buffer.BufferPool;
import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;
import dev.weft.websocket.server.WebSocketServer;
import dev.weft.websocket.session.WebSocketOptions;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The gateway on one port: Centrifugo's bidirectional JSON protocol on WebSocket path
 * {@value #WEBSOCKET_PATH}, {@code GET /health} (200 {@code {}}), {@code GET /ready}
 * (200) and {@code GET /metrics} (Prometheus text) as plain HTTP beside it; with an API key,
 * Centrifugo's server API ({@code POST /api/<method>}, {@link ApiHandler}); with a
 * {@link DemoPage}, the demo page under {@code /demo}.
 *
 * <pre>{@code
 * GatewayServer gw = GatewayServer.builder(pool, protocol).limits(limits).apiKey(key).build();
 * TcpListener l = rt.blockOn(rt.spawn(gw.listen(address)));
 * ...
 * gw.shutdown(Duration.ofSeconds(5));   // stop accepting, 3001 to every client
 * rt.close();
 * }</pre>
 *
 * <p>A keepalive thread ticks once a second: token expiry, presence refresh, pings, pong
 * timeouts and the connect deadline. Limits: see {@link ServerLimits}.
 */
public final class GatewayServer implements AutoCloseable {
    public static final String WEBSOCKET_PATH = "/connection/websocket";
    private static final byte[] HEALTHY = "{}".getBytes(StandardCharsets.US_ASCII);

    private final GatewayHandler handler;
    private final GatewayMetrics metrics;
    private final WebSocketServer server;
    private final long pingIntervalNanos;
    /** Listeners bound by {@link #listen}; closed by shutdown. */
    private final List<TcpListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService keepalive;

    /** {@code pingInterval} should match the protocol's {@code HandlerConfig.pingInterval()}, which clients are told. */
    public GatewayServer(BufferPool pool, ClientProtocolHandler protocol, Duration pingInterval) {
        this(builder(pool, protocol).limits(ServerLimits.unlimited(pingInterval)));
    }

    private GatewayServer(Builder b) {
        ClientProtocolHandler protocol = b.protocol;
        ServerLimits limits = b.limits;
        BufferPool pool = b.pool;
        this.handler = new GatewayHandler(protocol, limits);
        this.metrics = protocol.metrics();
        metrics.registerJvm();
        this.pingIntervalNanos = limits.pingInterval().toNanos();
        Response healthy = new Response(ResponseHead.of(200).with("Content-Type", "application/json"), HEALTHY);
        Router.Builder<HttpHandler> routes = Router.<HttpHandler>builder()
                .get("/health", exchange -> healthy)
                .get("/ready", exchange -> healthy)
                .get("/metrics", exchange -> new Response(
                        ResponseHead.of(200).with("Content-Type", GatewayMetrics.CONTENT_TYPE), metrics.scrape()));
        if (b.apiKey != null) {
            routes.post(ApiHandler.ROUTE, new ApiHandler(protocol, b.apiKey));
        }
        if (b.demo != null) {
            b.demo.addRoutes(routes);
        }
        Router<HttpHandler> http = routes.build();
        this.server = WebSocketServer.builder(pool)
                .options(WebSocketOptions.defaults().withMaxMessageBytes(limits.messageSizeLimit())
                        .withWatermarks(limits.queueMaxSizeBytes(), 4 * limits.queueMaxSizeBytes()))
                .handlers(path -> path.equals(WEBSOCKET_PATH) ? handler : null) // the path without its query
                .http(http)
                .build();
        this.keepalive = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gateway-keepalive");
            t.setDaemon(true);
            return t;
        });
        keepalive.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** Binds and accepts on the current runtime (poll from a task); completes with the listener. */
    public Future<TcpListener> listen(InetSocketAddress address) {
        return listen(address, TcpOptions.defaults());
    }

    public Future<TcpListener> listen(InetSocketAddress address, TcpOptions tcp) {
        Future<TcpListener> bind = server.listen(address, tcp);
        return cx -> {
            Poll<TcpListener> p = bind.poll(cx);
            if (p instanceof Poll.Ready<TcpListener> r) {
                listeners.add(r.value());
            }
            return p;
        };
    }

    /** The node's Prometheus metrics, served on {@code GET /metrics}. */
    public GatewayMetrics metrics() {
        return metrics;
    }

    /** Open WebSocket connections. */
    public int connectionCount() {
        return handler.sessions().size();
    }

    private void tick() {
        long now = System.nanoTime();
        for (WebSocketClientSession s : handler.sessions()) {
            try {
                s.tick(now, pingIntervalNanos);
            } catch (RuntimeException e) {
                System.getLogger(GatewayServer.class.getName()).log(System.Logger.Level.WARNING, "keepalive failed", e);
            }
        }
    }

    /**
     * Stops accepting, sends every client a 3001 shutdown close and waits up to {@code grace}
     * for the connections to finish their close handshakes. The runtime is the caller's to close.
     */
    public void shutdown(Duration grace) {
        keepalive.shutdownNow();
        listeners.forEach(TcpListener::close);
        handler.sessions().forEach(WebSocketClientSession::shutdown);
        long deadline = System.nanoTime() + grace.toNanos();
        // A session leaves the handler when its close starts; the connection ends once the close
        // frame is written and the socket closed, which is what the runtime's close must not cut short.
        while ((connectionCount() > 0 || server.liveWebSockets() > 0) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }


    @Override
    public void close() {
        shutdown(Duration.ofSeconds(5));
    }

    public static Builder builder(BufferPool pool, ClientProtocolHandler protocol) {
        return new Builder(pool, protocol);
    }

    /** What a gateway serves besides the WebSocket protocol; everything optional. */
    public static final class Builder {
        private final BufferPool pool;
        private final ClientProtocolHandler protocol;
        private ServerLimits limits = ServerLimits.unlimited(Duration.ofSeconds(25));
        private String apiKey;
        private DemoPage demo;

        private Builder(BufferPool pool, ClientProtocolHandler protocol) {
            this.pool = pool;
            this.protocol = protocol;
        }

        /** {@code limits.pingInterval()} should match the protocol's {@code HandlerConfig.pingInterval()}, which clients are told. */
        public Builder limits(ServerLimits l) {
            this.limits = l;
            return this;
        }

        /** Serves Centrifugo's server API on {@code POST /api/<method>}, guarded by {@code key}. */
        public Builder apiKey(String key) {
            this.apiKey = key;
            return this;
        }

        /** Serves the demo page ({@link DemoPage}) and its token endpoint. */
        public Builder demo(DemoPage page) {
            this.demo = page;
            return this;
        }

        public GatewayServer build() {
            return new GatewayServer(this);
        }
    }
}
