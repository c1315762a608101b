/**
 * The transport-independent core of Weft's real-time gateway, speaking Centrifugo's
 * client protocol (JSON; see {@code docs/PROTOCOL.md}).
 *
 * <ul>
 *   <li>{@code protocol}: commands, replies, pushes, codes; {@code CommandDecoder} and
 *       {@code JsonEncoder}.</li>
 *   <li>{@code auth}: connection and subscription JWTs.</li>
 *   <li>{@code broker}: the {@code Broker} and {@code PresenceManager} contracts and their
 *       in-memory implementations (history with offsets and epochs, presence with TTL).</li>
 *   <li>{@code hub}: channel names and namespace options, subscribers per channel, fan-out.</li>
 *   <li>{@code client}: {@code ClientProtocolHandler} (one per node) and {@code Client}
 *       (one per connection).</li>
 *   <li>{@code api}: Centrifugo's HTTP server API ({@code POST /api/<method>}): publish,
 *       broadcast, server-side subscribe/unsubscribe/disconnect/refresh of a user's
 *       connections (found through {@code client.ClientRegistry}), history, presence,
 *       channels, info, batch.</li>
 *   <li>{@code config}: the gateway's configuration (flags, {@code WEFT_*} environment, a
 *       JSON/YAML file; Centrifugo v5's key names) and its checks.</li>
 *   <li>{@code server}: the WebSocket transport ({@code GatewayServer}) and
 *       {@code ./weft gateway} ({@code GatewayMain}).</li>
 * </ul>
 *
 * <p>How a transport drives one connection:
 * <ol>
 *   <li>On accept, implement {@code ClientSession} over the connection (a bounded write
 *       queue; {@code enqueue} returns false when full; {@code disconnect} sends a close
 *       frame with the code and reason after flushing) and call
 *       {@code ClientProtocolHandler.open(session)}.</li>
 *   <li>Pass each complete text message to {@code Client.handleFrame}, from one thread at
 *       a time (a fiber per connection does this naturally).</li>
 *   <li>Every {@code ping_interval}, if {@code Client.isAwaitingPong()} is still true from
 *       the previous ping, disconnect with 3012 no pong; otherwise enqueue
 *       {@code JsonEncoder.PING} and call {@code Client.onPingSent()}.</li>
 *   <li>Periodically call {@code Client.checkExpiry()} (connection and subscription token
 *       expiry) and {@code Client.updatePresence()} (more often than the presence TTL).</li>
 *   <li>When the connection ends for any reason, call {@code Client.close()}; it is
 *       idempotent and never called back from {@code ClientSession.disconnect}.</li>
 * </ol>
 * Several queued messages may be written as one frame joined with {@code \n}.
 */
package dev.weft.gateway;
