/**
 * WebSocket connections over Weft TCP, shared by server and client: the handler interface
 * ({@link dev.weft.websocket.session.WebSocketHandler}), the thread-safe sending side
 * ({@link dev.weft.websocket.session.WebSocketSession}, {@link dev.weft.websocket.session.Broadcast}),
 * and the frame-phase state machine ({@link dev.weft.websocket.session.WebSocketConnection}).
 *
 * <h2>Connection lifecycle</h2>
 * One task per connection, a hand-written {@code Future}; steps 1-4 are in
 * {@code server.ServerConnection} (or {@code client.ClientConnection}), 5-9 in
 * {@code WebSocketConnection}, which the code cites by number.
 * <ol>
 *   <li><b>Accept</b> (server): the accept loop spawns the connection's task; its first poll
 *       registers a cleanup that releases every buffer and closes the socket however the task
 *       ends (return, failure, abort at runtime shutdown). Client: connect, then send the
 *       upgrade request with a fresh random key, permessage-deflate offer and subprotocols.
 *   <li><b>HTTP</b> (server): receive buffers go to {@code Http1Connection}; plain requests are
 *       answered by the router (404 without one), responses are written before reading on. A
 *       connection still in HTTP after {@code httpPhaseTimeout} (30 s) is closed.
 *   <li><b>Upgrade decision</b> (server): on an upgrade request, {@code UpgradeResponder}
 *       checks, each with its own answer: GET (405), HTTP/1.1 and {@code Upgrade: websocket}
 *       (400), {@code Sec-WebSocket-Version: 13} (426 with the version header), one valid
 *       {@code Sec-WebSocket-Key} (400), the Origin policy (403), a handler for the path (404);
 *       then picks the subprotocol (client's order) and negotiates permessage-deflate. A refusal
 *       is written and the connection closed. Client: the answer must be 101 with the right
 *       {@code Sec-WebSocket-Accept}, only offered subprotocols and extensions (RFC 6455 §4.1),
 *       else the connect future fails with {@code WebSocketHandshakeException}.
 *   <li><b>Switch</b>: the 101 is written; the codec is built for the role and the agreement
 *       ({@code ConnectionCodec}); the bytes that followed the request in the same read become
 *       the first input of the frame phase.
 *   <li><b>Open</b>: {@code onOpen}; the session now accepts sends from any thread.
 *   <li><b>Receive</b>: each receive buffer is decoded in place ({@code FrameDecoder}, unmasking
 *       in place), assembled ({@code MessageAssembler}: fragments, inflation, UTF-8) and handed
 *       to the handler, lent for the call; then released. Pings are answered with a pong (only
 *       the latest if several wait), pongs go to {@code onPong}.
 *   <li><b>Send and close</b>: sends go to a lock-free queue, and the queued-byte count is checked
 *       against the watermarks ({@link dev.weft.websocket.session.SendStatus}); the task encodes
 *       them (compressing if agreed) and writes batches of up to 16 frames with one gathering
 *       write, a pending pong first (control frames go between messages, never inside one).
 *       A close is (a) the peer's: echo its code (an empty close for none) and stop decoding;
 *       (b) a violation: close with its code (1002, 1007, 1009), stop decoding;
 *       (c) ours: {@code session.close}, a handler exception (1011), the idle timeout (1001),
 *       a send past the high watermark (1008; the unsent backlog is dropped first). After our
 *       close frame is queued no data is encoded and received data is dropped. {@code onClose}
 *       runs exactly once, with the first of these codes (1006 if the stream just ends).
 *   <li><b>Linger</b>: once our close frame is written and no more input will be decoded, our
 *       side of the stream is shut down (FIN) and input is read and discarded until the peer
 *       ends its side or the close timeout passes. Reading on prevents a reset that could
 *       destroy the close frame still in flight to the peer.
 *   <li><b>Done</b>: every buffer (receive, partial message, queued and in-flight frames) is
 *       released, the (de)compressors ended, the socket closed; sends from now on return CLOSED,
 *       and a send that raced with the end is drained by its sender. A close frame not written
 *       (or not answered) within the close timeout ends the connection here too.
 * </ol>
 * Correct because every exit path reaches step 9 (return from the task or its cleanup, which
 * is idempotent), every buffer has exactly one owner at each step (the send queue, {@code ready},
 * the write batch, or the handler for the length of a call), and the close decisions are made
 * only by the task, so the frames after a close and the single {@code onClose} follow from
 * task-only flags.
 *
 * <h2>Backpressure</h2>
 * {@code queuedBytes} counts bytes queued and not yet written, encoded frames with headers. At
 * or below the low watermark a send reports QUEUED, above it SLOW (the peer is falling
 * behind); a send that would pass the high watermark is refused (OVERFLOW) and the connection
 * closes with <b>1008 policy violation</b>: the peer broke the server's policy by not reading.
 * 1013 (try again later) was not chosen because it tells the client the server is overloaded
 * and invites a reconnect that would fall behind the same way. Memory per connection is thus
 * bounded by the high watermark plus one message. A frame leaves the count as soon as it is
 * written, so the count may briefly include one write batch the socket has already taken.
 *
 * <h2>Allocation</h2>
 * None per message on the steady-state path (measured: {@code WebSocketEchoRoundTrip},
 * {@code EchoAllocationTest}). Receive buffers and header buffers come from the pool, which
 * recycles their objects too when they never had a second view. A message that is the last
 * bytes of a read is handed to the handler as the receive buffer itself (one earlier in the same
 * read is a slice of it), so an echo or forward sends that very buffer; the decoder's chunk and
 * the assembler's message are refilled objects. A send from the connection's own task while the
 * cross-thread queue is empty is encoded straight into the ready list (header and payload
 * buffers, no frame object). A send from another thread is an entry in the send queue's
 * parallel arrays ({@code SendEntries}), no object. Timers allocate once per interval, not per
 * message.
 *
 * <h2>Broadcast</h2>
 * {@link dev.weft.websocket.session.Broadcast#send} queues one payload to N sessions: each
 * gets a reference ({@code retain()}, a count, no object), so N connections write the same
 * bytes and the buffer returns to the pool after the last write. This works because a
 * connection never moves a queued payload's indexes: its gathered write keeps the position of
 * each buffer's unsent bytes in an array of its own ({@code TcpStream.tryWrite} with starts).
 */
package dev.weft.websocket.session;
