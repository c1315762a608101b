package dev.weft.gateway.server;

import dev.weft.gateway.client.Client;
import dev.weft.gateway.metrics.GatewayMetrics;
import dev.weft.gateway.hub.ClientSession;
import dev.weft.gateway.hub.SharedMessage;
import dev.weft.gateway.protocol.Disconnect;
import dev.weft.gateway.protocol.DisconnectCode;
import dev.weft.gateway.protocol.JsonEncoder;
import dev.weft.websocket.session.Messages;
import dev.weft.websocket.session.SendStatus;
import dev.weft.websocket.session.WebSocketSession;
import java.net.InetAddress;
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
    private final ServerLimits limits;
    /** The peer's address counted against the per-IP limit, or null when not counted. */
    private final InetAddress ip;
    /** When the connection opened, for the connect deadline. */
    private final long openedNanos;
    private final GatewayMetrics metrics;
    /** Set by the first disconnect, from whichever thread starts it; later ones only repeat the close. */
    private final AtomicBoolean isDisconnecting = new AtomicBoolean();
    /** Set once in onOpen, before the session is visible to the keepalive thread. */
    private Client client;
    /** When the last ping went out; keepalive thread only. */
    private long lastPingNanos;

    WebSocketClientSession(WebSocketSession ws, ServerLimits limits, InetAddress ip, long nowNanos,
                           GatewayMetrics metrics) {
        this.ws = ws;
        this.limits = limits;
        this.ip = ip;
        this.openedNanos = nowNanos;
        this.metrics = metrics;
        this.lastPingNanos = nowNanos;
    }

    InetAddress ip() {
        return ip;
    }

    void attach(Client c) {
        client = c;
    }

    Client client() {
        return client;
    }

    @Override
    public boolean enqueue(byte[] message) {
        return isAccepted(ws.sendText(Messages.buffer(ws.pool(), message)), message.length);
    }

    /** The push's one pooled buffer, shared with every other subscriber's send queue: no copy here. */
    @Override
    public boolean enqueue(SharedMessage message) {
        return isAccepted(ws.sendText(message.pooled(ws.pool())), message.bytes().length);
    }

    private boolean isAccepted(SendStatus status, int bytes) {
        if (status == SendStatus.QUEUED) {
            metrics.onMessageSent(bytes);
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
     * Keepalive: the connect deadline (3502 stale), expiry checks, presence refresh and, once
     * connected, a ping every {@code pingIntervalNanos}; a ping unanswered for the pong
     * timeout closes with 3012.
     */
    void tick(long nowNanos, long pingIntervalNanos) {
        if (client.clientId().isEmpty()) {
            long stale = limits.staleCloseDelay().toNanos();
            if (stale > 0 && nowNanos - openedNanos >= stale) {
                client.close();
                disconnect(DisconnectCode.STALE.toDisconnect());
            }
            return;
        }
        client.checkExpiry();
        if (client.isAwaitingPong() && nowNanos - lastPingNanos >= limits.pongTimeout().toNanos()) {
            client.close();
            disconnect(DisconnectCode.NO_PONG.toDisconnect());
            return;
        }
        if (nowNanos - lastPingNanos < pingIntervalNanos) {
            return;
        }
        lastPingNanos = nowNanos;
        client.updatePresence();
        // Awaiting before queueing: the client can answer before enqueue returns, and a pong
        // that finds no ping outstanding is a protocol error (3501).
        client.onPingSent();
        if (!enqueue(JsonEncoder.PING)) {
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
