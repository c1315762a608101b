/**
 * The WebSocket codec (RFC 6455, with RFC 7692 permessage-deflate), independent of any
 * transport: it reads and writes bytes in pooled {@link dev.weft.io.buffer.Buffer}s, so tests
 * feed it bytes and the TCP layer feeds it receive buffers.
 *
 * <p>Receive pipeline, per connection:
 * <ol>
 *   <li>{@link dev.weft.websocket.FrameDecoder} decodes frame headers from the receive buffer
 *       and hands each run of payload on as a range of that buffer (a refilled
 *       {@link dev.weft.websocket.FrameChunk}: no copy, no object). A header or payload split
 *       across reads resumes on the next call.
 *   <li>{@link dev.weft.websocket.Masking} unmasks the range in place (Vector API, or a
 *       long-at-a-time fallback), carrying the mask phase across split payloads.
 *   <li>{@link dev.weft.websocket.MessageAssembler} joins fragments, inflates compressed
 *       messages ({@link dev.weft.websocket.deflate.MessageInflater}, size capped while
 *       inflating), and checks text with {@link dev.weft.websocket.Utf8Validator}, which
 *       fails on the first bad byte even across fragments.
 *   <li>The handler gets a complete message, ping, pong or close
 *       ({@link dev.weft.websocket.Assembled}).
 * </ol>
 * Send: {@link dev.weft.websocket.MessageEncoder} compresses messages at or above the
 * permessage-deflate threshold, then {@link dev.weft.websocket.FrameEncoder} writes only the
 * header (2 to 14 bytes); the payload buffer is shared by reference count, so one message
 * goes to N connections without copies (header and payload go to a
 * {@link dev.weft.websocket.FrameSink}, or as one {@link dev.weft.websocket.OutboundFrame}).
 * Client frames are the exception: masking needs a private copy.
 *
 * <p>Errors: every protocol violation comes back as a {@link dev.weft.websocket.Violation}
 * carrying the close code (1002 protocol error, 1007 invalid payload data, 1009 too big) and a
 * short reason; no input makes the codec throw. The connection sends that close
 * ({@link dev.weft.websocket.ClosePayload}) and releases its buffers
 * ({@link dev.weft.websocket.MessageAssembler#close()}).
 *
 * <p>Handshake strings (accept key, subprotocol) are in {@code handshake}; extension
 * negotiation and the deflate codecs in {@code deflate}. The codec runs over Weft TCP in
 * {@code session} (the connection lifecycle, shared by both roles), {@code server} and
 * {@code client}.
 */
package dev.weft.websocket;
