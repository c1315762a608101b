package dev.weft.websocket;

import dev.weft.io.buffer.Buffer;

/**
 * Where an encoder puts a frame: its header and its payload, each with one reference the sink
 * now owns, to be written back to back. Lets a connection queue frames without a per-frame
 * object ({@link OutboundFrame} is the one-frame form).
 */
@FunctionalInterface
public interface FrameSink {

    void frame(Buffer header, Buffer payload);
}
