package dev.weft.websocket.server;

import dev.weft.websocket.deflate.DeflateParameters;
import dev.weft.websocket.session.WebSocketHandler;

/** What the server answers to an upgrade request. Switch over it exhaustively. */
sealed interface UpgradeDecision {

    /** Switch protocols: {@code response} is the whole 101 head. */
    record Accept(byte[] response, WebSocketHandler handler, String subprotocol, DeflateParameters deflate)
            implements UpgradeDecision {
    }

    /** Refuse: {@code response} is the whole error response; the connection closes after it. */
    record Reject(int status, String reason, byte[] response) implements UpgradeDecision {
    }
}
