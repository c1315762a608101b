package dev.weft.gateway.server;

import dev.weft.gateway.client.Client;
import dev.weft.gateway.metrics.GatewayMetrics;
import dev.weft.gateway.hub.ClientSession;
import dev.weft.gateway.protocol.Disconnect;
import dev.weft.gateway.protocol.DisconnectCode;
import dev.weft.gateway.protocol.JsonEncoder;
import dev.weft.websocket.session.Messages;
import dev.weft.websocket.session.SendStatus;
import dev.weft.websocket.session.WebSocketSession;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One gateway connection over one WebSocket: each queued protocol message becomes one text
 * frame. The WebSocket send queue is the bounded write queue: its low watermark is the
 * client queue limit, so a send that reports {@link SendStatus#SLOW} (or OVERFLOW) refuses
 * the message and the client is disconnected with 3008 slow, well before the high watermark
 * would make the WebSocket layer close with 1008 on its own.
 *
 * <p>Thread roles: {@link #enqueue} from any thread (replies on the connection's task,
 * publications on publishers' threads); {@link #client} is set once by the task before any
 * frame is handled; {@link #tick} from the keepalive thread.
 */
final class WebSocketClientSession implements ClientSession {
    private final WebSocketSession ws;
    private final GatewayMetrics metrics;
    /** Set by the first disconnect, from whichever thread starts it; later ones only repeat the close. */
    private final AtomicBoolean isDisconnecting = new AtomicBoolean();
    /** Set once in onOpen, before the session is visible to the keepalive thread. */
    private Client client;
    /** When the last ping went out; keepalive thread only. */
    private long lastPingNanos;

    WebSocketClientSession(WebSocketSession ws, long nowNanos, GatewayMetrics metrics) {
        this.ws = ws;
        this.metrics = metrics;
        this.lastPingNanos = nowNanos;
    }

    void attach(Client c) {
        client = c;
    }

    Client client() {
        return client;
    }

    @Override
    public boolean enqueue(byte[] message) {
        SendStatus status = ws.sendText(Messages.buffer(ws.pool(), message));
        if (status == SendStatus.QUEUED) {
            metrics.onMessageSent(message.length);
        }
        // CLOSED: the connection is already ending; dropping the message is all there is to do.
        return status == SendStatus.QUEUED || status == SendStatus.CLOSED;
    }

    @Override
    public void disconnect(Disconnect d) {
        if (isDisconnecting.compareAndSet(false, true)) {
            metrics.onServerDisconnect(d);
        }
        ws.close(d.code(), d.reason());
    }

    /**
     * Keepalive: expiry checks, presence refresh and, once connected, a ping every
     * {@code pingIntervalNanos}; a ping still unanswered at the next one closes with 3012.
     */
    void tick(long nowNanos, long pingIntervalNanos) {
        client.checkExpiry();
        if (client.clientId().isEmpty() || nowNanos - lastPingNanos < pingIntervalNanos) {
            return;
        }
        lastPingNanos = nowNanos;
        if (client.isAwaitingPong()) {
            client.close();
            disconnect(DisconnectCode.NO_PONG.toDisconnect());
            return;
        }
        client.updatePresence();
        if (enqueue(JsonEncoder.PING)) {
            client.onPingSent();
        } else {
            client.close();
            disconnect(DisconnectCode.SLOW.toDisconnect());
        }
    }

    /** Server shutdown: leave every channel, then close with 3001 so the client reconnects elsewhere. */
    void shutdown() {
        client.close();
        disconnect(DisconnectCode.SHUTDOWN.toDisconnect());
    }
}
