package dev.weft.gateway.server;

import dev.weft.gateway.client.ClientProtocolHandler;
import dev.weft.gateway.metrics.GatewayMetrics;
import dev.weft.io.buffer.Buffer;
import dev.weft.websocket.session.Messages;
import dev.weft.websocket.session.WebSocketHandler;
import dev.weft.websocket.session.WebSocketSession;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The WebSocket handler of {@code /connection/websocket}: opens a gateway {@code Client}
 * per connection, feeds it every message (one frame may carry several newline-separated
 * commands; the client's decoder splits them) and closes it when the connection ends.
 *
 * <p>Thread roles: callbacks run on each connection's task; {@link #sessions} is read by
 * the keepalive thread and by shutdown.
 */
final class GatewayHandler implements WebSocketHandler {
    private final ClientProtocolHandler protocol;
    private final GatewayMetrics metrics;
    /** Open connections; added in onOpen, removed in onClose (each once, on the connection's task). */
    private final ConcurrentHashMap<WebSocketSession, WebSocketClientSession> open = new ConcurrentHashMap<>();

    GatewayHandler(ClientProtocolHandler protocol) {
        this.protocol = protocol;
        this.metrics = protocol.metrics();
    }

    Collection<WebSocketClientSession> sessions() {
        return open.values();
    }

    @Override
    public void onOpen(WebSocketSession ws) {
        WebSocketClientSession session = new WebSocketClientSession(ws, System.nanoTime(), metrics);
        session.attach(protocol.open(session));
        open.put(ws, session);
        metrics.onConnectionOpened();
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
            metrics.onConnectionClosed();
            session.client().close();
        }
    }
}
