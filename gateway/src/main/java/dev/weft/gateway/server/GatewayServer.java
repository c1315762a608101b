package dev.weft.gateway.server;

import dev.weft.gateway.api.ApiHandler;
import dev.weft.gateway.client.ClientProtocolHandler;
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
 * {@value #WEBSOCKET_PATH}, {@code GET /health} (200 {@code {}}) and {@code GET /ready}
 * (200) as plain HTTP beside it; with an API key, Centrifugo's server API
 * ({@code POST /api/<method>}, {@link ApiHandler}).
 *
 * <pre>{@code
 * GatewayServer gw = new GatewayServer(pool, protocol, pingInterval);
 * TcpListener l = rt.blockOn(rt.spawn(gw.listen(address)));
 * ...
 * gw.shutdown(Duration.ofSeconds(5));   // stop accepting, 3001 to every client
 * rt.close();
 * }</pre>
 *
 * <p>A keepalive thread ticks once a second: token expiry, presence refresh, pings.
 */
public final class GatewayServer implements AutoCloseable {
    public static final String WEBSOCKET_PATH = "/connection/websocket";
    private static final byte[] HEALTHY = "{}".getBytes(StandardCharsets.US_ASCII);

    private final GatewayHandler handler;
    private final WebSocketServer server;
    private final long pingIntervalNanos;
    /** Listeners bound by {@link #listen}; closed by shutdown. */
    private final List<TcpListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService keepalive;

    /** {@code pingInterval} should match the protocol's {@code HandlerConfig.pingInterval()}, which clients are told. */
    public GatewayServer(BufferPool pool, ClientProtocolHandler protocol, Duration pingInterval) {
        this(pool, protocol, pingInterval, null);
    }

    /** With Centrifugo's server API on {@code POST /api/<method>} when {@code apiKey} is not null. */
    public GatewayServer(BufferPool pool, ClientProtocolHandler protocol, Duration pingInterval, String apiKey) {
        this.handler = new GatewayHandler(protocol);
        this.pingIntervalNanos = pingInterval.toNanos();
        Response healthy = new Response(ResponseHead.of(200).with("Content-Type", "application/json"), HEALTHY);
        Router.Builder<HttpHandler> routes = Router.<HttpHandler>builder()
                .get("/health", exchange -> healthy)
                .get("/ready", exchange -> healthy);
        if (apiKey != null) {
            routes.post(ApiHandler.ROUTE, new ApiHandler(protocol, apiKey));
        }
        Router<HttpHandler> http = routes.build();
        this.server = WebSocketServer.builder(pool)
                .options(WebSocketOptions.defaults())
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
        while (connectionCount() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(5));
    }
}
