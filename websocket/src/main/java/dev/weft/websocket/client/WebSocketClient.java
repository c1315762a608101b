package dev.weft.websocket.client;

import dev.weft.io.buffer.BufferPool;
import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Runtime;
import dev.weft.runtime.sync.Oneshot;
import dev.weft.websocket.session.WebSocketHandler;
import dev.weft.websocket.session.WebSocketOptions;
import dev.weft.websocket.session.WebSocketSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.function.Consumer;

/**
 * Opens WebSocket connections over Weft TCP ({@code ws://} only). The connection runs as a task
 * of its own, started when the returned future is first polled; the future completes with the
 * session once the handshake is done, or fails with the reason (a
 * {@link WebSocketHandshakeException} for a refused or broken handshake). Messages arrive at the
 * handler; every frame sent is masked (RFC 6455 §5.3). permessage-deflate is offered when
 * {@link WebSocketOptions#deflate()} is set.
 */
public final class WebSocketClient {

    private static final System.Logger LOG = System.getLogger(WebSocketClient.class.getName());

    private WebSocketClient() {
    }

    /** Connects to a {@code ws://host[:port]/path} URI. */
    public static Future<WebSocketSession> connect(URI uri, BufferPool pool, WebSocketOptions options,
                                                   WebSocketHandler handler) {
        if (!"ws".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("only ws:// URIs are supported, got " + uri);
        }
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        return connect(uri.getHost(), port, path, pool, options, handler);
    }

    /** Connects to {@code host:port} and asks for {@code path} (with its query, if any). */
    public static Future<WebSocketSession> connect(String host, int port, String path, BufferPool pool,
                                                   WebSocketOptions options, WebSocketHandler handler) {
        String hostHeader = port == 80 ? host : host + ":" + port;
        Consumer<Throwable> errors = e -> LOG.log(System.Logger.Level.WARNING, "WebSocket handler failed", e);
        return new Connect(new InetSocketAddress(host, port), hostHeader, path, pool, options, handler, errors);
    }

    /** Starts the connection task on first poll, then waits for its handshake outcome. */
    private static final class Connect implements Future<WebSocketSession> {
        private final ClientConnection connection;
        private final Oneshot.Receiver<ClientConnection.Result> outcome;
        /** Poller only. */
        private boolean isSpawned;

        Connect(InetSocketAddress address, String hostHeader, String path, BufferPool pool, WebSocketOptions options,
                WebSocketHandler handler, Consumer<Throwable> errors) {
            Oneshot.Pair<ClientConnection.Result> pair = Oneshot.channel();
            this.connection = new ClientConnection(address, hostHeader, path, pool, options, handler, errors,
                    pair.sender());
            this.outcome = pair.receiver();
        }

        @Override
        public Poll<WebSocketSession> poll(Context cx) {
            if (!isSpawned) {
                isSpawned = true;
                Runtime.current().spawn(connection).detach();
            }
            if (!(outcome.poll(cx) instanceof Poll.Ready<ClientConnection.Result> r)) {
                return Poll.pending();
            }
            if (r.value().error() != null) {
                Throwable e = r.value().error();
                if (e instanceof IOException io) {
                    throw new UncheckedIOException(io);
                }
                throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
            }
            return Poll.ready(r.value().session());
        }
    }
}
