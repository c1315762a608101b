/**
 * The WebSocket client over Weft TCP: {@link dev.weft.websocket.client.WebSocketClient#connect}
 * starts one {@code ClientConnection} task (connect, upgrade request, RFC 6455 §4.1 answer checks,
 * then the shared frame phase with every frame masked) and completes with the session.
 */
package dev.weft.websocket.client;
