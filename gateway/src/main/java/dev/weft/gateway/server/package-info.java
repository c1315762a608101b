/**
 * The gateway over WebSocket: {@code GatewayServer} serves Centrifugo's bidirectional JSON
 * protocol on {@code /connection/websocket} and the {@code /health} and {@code /ready}
 * probes on the same port; {@code GatewayMain} is {@code ./weft gateway}.
 *
 * <p>Per connection ({@code GatewayHandler}, {@code WebSocketClientSession}), following the
 * steps in {@code dev.weft.gateway}: onOpen opens a {@code Client}; each text (or binary)
 * message is one frame for {@code Client.handleFrame}, so several newline-separated commands
 * may share a frame; every queued reply or push is one text frame; onClose closes the client.
 * Disconnects become WebSocket close frames with the disconnect's code and reason.
 *
 * <p>Slow clients: the WebSocket send queue is the client's write queue. A send that finds
 * it above its low watermark (1 MiB, Centrifugo's default client queue size) is refused and
 * the client closed with 3008 slow; the high watermark (4 MiB, where the WebSocket layer
 * itself would close with 1008) is thus never reached by protocol traffic.
 *
 * <p>A keepalive thread ticks once a second: token expiry, then every ping interval a
 * {@code {}} ping (3012 no pong if the previous one is still unanswered) and a presence
 * refresh. Shutdown stops accepting and closes every client with 3001.
 */
package dev.weft.gateway.server;
