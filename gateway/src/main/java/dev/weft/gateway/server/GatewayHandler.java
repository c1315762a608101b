package dev.weft.gateway.server;

import dev.weft.gateway.client.ClientProtocolHandler;
import dev.weft.gateway.metrics.GatewayMetrics;
import dev.weft.io.buffer.Buffer;
import dev.weft.websocket.session.Messages;
import dev.weft.websocket.session.WebSocketHandler;
import dev.weft.websocket.session.WebSocketSession;
import dev.weft.websocket.CloseCode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The WebSocket handler of {@code /connection/websocket}: opens a gateway {@code Client}
 * per connection, feeds it every message (one frame may carry several newline-separated
 * commands; the client's decoder splits them) and closes it when the connection ends.
 *
 * <p>Connection limits: a connection beyond {@code client_connection_limit} or beyond
 * {@code client_ip_connection_limit} for its address is closed at once with 1013 try again
 * later (clients reconnect with backoff), before any gateway state exists for it.
 *
 * <p>Thread roles: callbacks run on each connection's task; {@link #sessions} is read by
 * the keepalive thread and by shutdown.
 */
final class GatewayHandler implements WebSocketHandler {
    private final ClientProtocolHandler protocol;
    private final ServerLimits limits;
    private final GatewayMetrics metrics;
    /** Open connections; added in onOpen, removed in onClose (each once, on the connection's task). */
    private final ConcurrentHashMap<WebSocketSession, WebSocketClientSession> open = new ConcurrentHashMap<>();
    /** Connections counted against client_connection_limit; incremented before the check so racing opens cannot both pass. */
    private final AtomicInteger counted = new AtomicInteger();
    /** Open connections per address; an address leaves the map with its last connection. */
    private final ConcurrentHashMap<InetAddress, Integer> perIp = new ConcurrentHashMap<>();

    GatewayHandler(ClientProtocolHandler protocol, ServerLimits limits) {
        this.protocol = protocol;
        this.limits = limits;
        this.metrics = protocol.metrics();
    }

    Collection<WebSocketClientSession> sessions() {
        return open.values();
    }

    @Override
    public void onOpen(WebSocketSession ws) {
        if (limits.connectionLimit() > 0 && counted.incrementAndGet() > limits.connectionLimit()) {
            counted.decrementAndGet();
            ws.close(CloseCode.TRY_AGAIN_LATER, "connection limit");
            return;
        }
        InetAddress ip = limits.ipConnectionLimit() > 0 ? ws.remoteAddress().map(InetSocketAddress::getAddress).orElse(null) : null;
        if (ip != null && !tryCountIp(ip)) {
            if (limits.connectionLimit() > 0) {
                counted.decrementAndGet();
            }
            ws.close(CloseCode.TRY_AGAIN_LATER, "ip connection limit");
            return;
        }
        WebSocketClientSession session = new WebSocketClientSession(ws, limits, ip, System.nanoTime(), metrics);
        session.attach(protocol.open(session));
        open.put(ws, session);
        metrics.onConnectionOpened();
    }

    private boolean tryCountIp(InetAddress ip) {
        boolean[] counts = new boolean[1];
        perIp.compute(ip, (a, n) -> {
            int current = n == null ? 0 : n;
            if (current >= limits.ipConnectionLimit()) {
                return n;
            }
            counts[0] = true;
            return current + 1;
        });
        return counts[0];
    }

    private void uncount(WebSocketClientSession session) {
        if (limits.connectionLimit() > 0) {
            counted.decrementAndGet();
        }
        if (session.ip() != null) {
            perIp.computeIfPresent(session.ip(), (a, n) -> n <= 1 ? null : n - 1);
        }
    }

    @Override
    public void onText(WebSocketSession ws, Buffer utf8) {
        frame(ws, utf8);
    }

    /** Binary frames carry the same JSON; anything else fails to decode and closes with 3501. */
    @Override
    public void onBinary(WebSocketSession ws, Buffer data) {
        frame(ws, data);
    }

    private void frame(WebSocketSession ws, Buffer payload) {
        WebSocketClientSession session = open.get(ws);
        if (session != null) {
            byte[] frame = Messages.bytes(payload);
            metrics.onMessageReceived(frame.length);
            session.client().handleFrame(frame);
        }
    }

    @Override
    public void onClose(WebSocketSession ws, int code, String reason) {
        WebSocketClientSession session = open.remove(ws);
        if (session != null) {
            uncount(session);
            metrics.onConnectionClosed();
            session.client().close();
        }
    }
}
