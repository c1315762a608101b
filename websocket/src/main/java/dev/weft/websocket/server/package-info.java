/**
 * The WebSocket server over Weft TCP: {@link dev.weft.websocket.server.WebSocketServer}
 * (builder, accept loop), one {@code ServerConnection} task per accepted stream (HTTP/1.1 via
 * {@code dev.weft.http.Http1Connection} until an upgrade, steps 1-4 of the lifecycle in
 * {@code dev.weft.websocket.session}), the handshake checks ({@code UpgradeResponder}), the
 * {@link dev.weft.websocket.server.OriginPolicy} hook, and the {@code ./weft echo} main class
 * {@link dev.weft.websocket.server.EchoServerMain}.
 */
package dev.weft.websocket.server;
