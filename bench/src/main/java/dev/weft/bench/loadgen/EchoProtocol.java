package dev.weft.bench.loadgen;

import java.net.InetSocketAddress;

/** What the echo scenario speaks: raw TCP bytes, or WebSocket binary frames after an upgrade. */
public enum EchoProtocol {
    TCP,
    WEBSOCKET;

    /** A new connection's wire: messages of {@code messageBytes} payload bytes to {@code target}. */
    EchoWire newWire(int messageBytes, InetSocketAddress target) {
        return switch (this) {
            case TCP -> new RawEchoWire(messageBytes);
            case WEBSOCKET -> new WebSocketEchoWire(messageBytes,
                    target.getHostString() + ":" + target.getPort(), "/");
        };
    }
}
