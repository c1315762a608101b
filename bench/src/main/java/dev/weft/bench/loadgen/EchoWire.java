package dev.weft.bench.loadgen;

import dev.weft.io.buffer.Buffer;

import java.io.IOException;

/**
 * What one connection of the echo scenario puts on the wire and how it knows the whole echo is
 * back: raw bytes ({@link RawEchoWire}) or WebSocket frames ({@link WebSocketEchoWire}). One
 * instance per connection, used by that connection's task only. The echo of a message never
 * shares a read with anything else: one message is in flight at a time.
 */
interface EchoWire {

    /** Bytes to send once after connecting, before the first message; empty for none. */
    byte[] handshakeRequest();

    /**
     * Consumes bytes of the reply to {@link #handshakeRequest()}; true once it is complete and
     * accepted. Fails with the reason when the peer refused or answered something else.
     */
    boolean readHandshake(Buffer in) throws IOException;

    /** Bytes one message takes on the wire. */
    int messageWireBytes();

    /** Writes one message, as sent every time, into {@code out} (called once per connection). */
    void writeMessage(Buffer out);

    /** Starts waiting for the echo of the message just sent. */
    void expectEcho();

    /** Consumes echoed bytes; true once the whole echo is in. Fails when the bytes are not the echo. */
    boolean readEcho(Buffer in) throws IOException;
}
