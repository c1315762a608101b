package dev.weft.websocket;

import dev.weft.io.buffer.Buffer;

/**
 * One frame for the send queue: a small header buffer and the payload, written back to back
 * (a gathering write). Owns one reference to each; {@link #close()} releases both once sent.
 */
public record OutboundFrame(Buffer header, Buffer payload) implements AutoCloseable {

    public long byteSize() {
        return header.readableBytes() + payload.readableBytes();
    }

    @Override
    public void close() {
        header.release();
        payload.release();
    }
}
