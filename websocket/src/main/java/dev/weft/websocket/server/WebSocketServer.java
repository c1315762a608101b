package dev.weft.websocket.server;

import dev.weft.http.Http1Connection;
import dev.weft.http.HttpHandler;
import dev.weft.http.HttpLimits;
import dev.weft.http.ResponseWriter;
import dev.weft.http.Router;
import dev.weft.io.TcpListener;
import dev.weft.io.TcpOptions;
import dev.weft.io.buffer.BufferPool;
import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Runtime;
import dev.weft.websocket.session.WebSocketHandler;
import dev.weft.websocket.session.WebSocketOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A WebSocket server over Weft TCP: each accepted connection is one task
 * ({@link ServerConnection}) that speaks HTTP/1.1 until a WebSocket upgrade, then frames.
 * Requests that are not upgrades go to an optional HTTP {@link Router} (404 without one).
 *
 * <pre>{@code
 * WebSocketServer server = WebSocketServer.builder(pool).handler(myHandler).build();
 * TcpListener listener = rt.blockOn(rt.spawn(server.listen(address)));   // accepts until closed
 * }</pre>
 *
 * <p>Immutable once built; shared by all its connections.
 */
public final class WebSocketServer {

    private static final System.Logger LOG = System.getLogger(WebSocketServer.class.getName());

    private final BufferPool pool;
    private final WebSocketOptions options;
    private final UpgradeResponder responder;
    private final Router<HttpHandler> router;
    private final HttpLimits httpLimits;
    private final ResponseWriter responseWriter = new ResponseWriter(null);
    private final Consumer<Throwable> errors;
    private final java.time.Duration httpPhaseTimeout;
    /** WebSockets upgraded and not yet ended (socket closed, buffers released). */
    private final java.util.concurrent.atomic.AtomicInteger liveWebSockets = new java.util.concurrent.atomic.AtomicInteger();

    private WebSocketServer(Builder b) {
        this.httpPhaseTimeout = b.httpPhaseTimeout;
        this.pool = b.pool;
        this.options = b.options;
        this.responder = new UpgradeResponder(b.options, b.origins, b.handlers);
        this.router = b.router;
        this.httpLimits = b.httpLimits;
        this.errors = b.errors;
    }

    public static Builder builder(BufferPool pool) {
        return new Builder(pool);
    }

    /**
     * Binds {@code address} and starts accepting on the current runtime; completes with the
     * listener (its {@code localAddress()} says the port; closing it stops accepting, open
     * connections go on). Poll it from a task on a runtime with I/O drivers.
     */
    public Future<TcpListener> listen(InetSocketAddress address) {
        return listen(address, TcpOptions.defaults());
    }

    public Future<TcpListener> listen(InetSocketAddress address, TcpOptions tcp) {
        Future<TcpListener> bind = TcpListener.bind(address, tcp);
        return cx -> {
            Poll<TcpListener> p = bind.poll(cx);
            if (p instanceof Poll.Ready<TcpListener> r) {
                Runtime.current().spawn(new AcceptLoop(r.value())).detach();
            }
            return p;
        };
    }

    /**
     * WebSocket connections from their upgrade until their task ends. A closing WebSocket
     * counts until its close handshake is done (or times out) and its socket is closed, so a
     * graceful shutdown waits for this to reach zero before closing the runtime.
     */
    public int liveWebSockets() {
        return liveWebSockets.get();
    }

    void webSocketOpened() {
        liveWebSockets.incrementAndGet();
    }

    void webSocketEnded() {
        liveWebSockets.decrementAndGet();
    }

    BufferPool pool() {
        return pool;
    }

    WebSocketOptions options() {
        return options;
    }

    UpgradeResponder responder() {
        return responder;
    }

    Consumer<Throwable> errors() {
        return errors;
    }

    java.time.Duration httpPhaseTimeout() {
        return httpPhaseTimeout;
    }

    Http1Connection newHttpConnection() {
        // Only WebSocket upgrades leave HTTP; others (h2c from curl or the JDK's HttpClient) are
        // plain requests for the router.
        return new Http1Connection(pool, httpLimits, router, responseWriter, errors::accept,
                request -> request.isUpgradeTo("websocket"));
    }

    /** Accepts until the listener closes, one {@link ServerConnection} task per stream. */
    private final class AcceptLoop implements Future<Void> {
        private final TcpListener listener;

        AcceptLoop(TcpListener listener) {
            this.listener = listener;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            while (true) {
                Poll<dev.weft.io.TcpStream> p;
                try {
                    p = listener.pollAccept(cx);
                } catch (IOException e) {
                    if (listener.isClosed()) {
                        return Poll.readyVoid();
                    }
                    throw new UncheckedIOException(e);
                }
                if (!(p instanceof Poll.Ready<dev.weft.io.TcpStream> r)) {
                    return Poll.pending();
                }
                dev.weft.io.TcpStream stream = r.value();
                try {
                    stream.setNoDelay(true);
                } catch (IOException e) {
                    stream.close();
                    continue;
                }
                Runtime.current().spawn(new ServerConnection(stream, WebSocketServer.this)).detach();
            }
        }
    }

    /** Settings of a server; {@link #build()} checks them. */
    public static final class Builder {
        private final BufferPool pool;
        private WebSocketOptions options = WebSocketOptions.defaults();
        private OriginPolicy origins = OriginPolicy.any();
        private Function<String, WebSocketHandler> handlers;
        private Router<HttpHandler> router = Router.<HttpHandler>builder().build();
        private HttpLimits httpLimits = HttpLimits.defaults();
        private java.time.Duration httpPhaseTimeout = java.time.Duration.ofSeconds(30);
        private Consumer<Throwable> errors =
                e -> LOG.log(System.Logger.Level.WARNING, "WebSocket handler failed", e);

        private Builder(BufferPool pool) {
            this.pool = Objects.requireNonNull(pool, "pool");
        }

        public Builder options(WebSocketOptions o) {
            this.options = Objects.requireNonNull(o, "options");
            return this;
        }

        public Builder originPolicy(OriginPolicy policy) {
            this.origins = Objects.requireNonNull(policy, "originPolicy");
            return this;
        }

        /** One handler for upgrades on every path. */
        public Builder handler(WebSocketHandler handler) {
            Objects.requireNonNull(handler, "handler");
            this.handlers = path -> handler;
            return this;
        }

        /** The handler for an upgrade's raw path, or null for 404. */
        public Builder handlers(Function<String, WebSocketHandler> byPath) {
            this.handlers = Objects.requireNonNull(byPath, "handlers");
            return this;
        }

        /** Routes for plain HTTP requests (not upgrades); without it they get 404. */
        public Builder http(Router<HttpHandler> routes) {
            this.router = Objects.requireNonNull(routes, "http");
            return this;
        }

        public Builder httpLimits(HttpLimits limits) {
            this.httpLimits = Objects.requireNonNull(limits, "httpLimits");
            return this;
        }

        /**
         * How long a connection may stay in HTTP (reading requests, before an upgrade is
         * accepted) before it is closed; 30 s by default. Bounds clients that connect and never
         * finish a handshake, and plain keep-alive HTTP connections.
         */
        public Builder httpPhaseTimeout(java.time.Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("httpPhaseTimeout must be > 0, was " + timeout);
            }
            this.httpPhaseTimeout = timeout;
            return this;
        }

        /** Told of handler exceptions (the connection closes with 1011, or answers 500 for HTTP). */
        public Builder errors(Consumer<Throwable> sink) {
            this.errors = Objects.requireNonNull(sink, "errors");
            return this;
        }

        public WebSocketServer build() {
            if (handlers == null) {
                throw new IllegalStateException("handler: set handler(...) or handlers(...)");
            }
            return new WebSocketServer(this);
        }
    }
}
