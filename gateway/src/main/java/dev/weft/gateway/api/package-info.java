/**
 * Centrifugo's HTTP server API on the gateway's port ({@code docs/PROTOCOL.md}, "Server API").
 *
 * <ul>
 *   <li>{@code ApiHandler}: the HTTP entry: API key, method lookup, body decoding, response.</li>
 *   <li>{@code ApiParams}: typed reads of a request object; {@code ApiMethod} decodes one
 *       into an {@code ApiCall}, which runs it. Decoding never has effects, so a batch is
 *       checked whole before anything runs.</li>
 *   <li>Methods by what they touch: {@code PublishMethods} (publish, broadcast, with
 *       {@code IdempotencyCache}), {@code UserMethods} (subscribe, unsubscribe, disconnect,
 *       refresh), {@code ChannelQueryMethods} (presence, presence_stats, history,
 *       history_remove), {@code NodeMethods} (channels with {@code ChannelPattern}, info),
 *       {@code BatchMethod}.</li>
 * </ul>
 *
 * <p>The handler runs on the HTTP connection's task. Operations on users go through
 * {@code Client}'s synchronized server-side methods, so they interleave with the
 * connection's own commands exactly as two of its commands would.
 */
package dev.weft.gateway.api;
