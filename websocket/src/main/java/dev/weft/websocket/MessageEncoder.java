package dev.weft.websocket;

import dev.weft.io.buffer.Buffer;
import dev.weft.websocket.deflate.MessageDeflater;
import dev.weft.websocket.deflate.PerMessageDeflate;

/**
 * The send side of one connection: a whole message in, one frame for the send queue out,
 * compressed (RSV1 set) when permessage-deflate was negotiated and the message reaches the
 * threshold, sent as is (the payload shared, no copy) otherwise.
 *
 * <p>Compression makes a new buffer per connection: with context takeover each connection's
 * compressor state differs, so the bytes differ. Where the server negotiated
 * {@code server_no_context_takeover} everywhere, the compressed bytes of a message are the same
 * for every connection, and a broadcaster may compress once and share the result with
 * {@link FrameEncoder} directly.
 *
 * <p>Owned by the connection's sending thread; {@link #close()} frees the compressor.
 */
public final class MessageEncoder implements AutoCloseable {

    private final FrameEncoder frames;
    /** Null without permessage-deflate. */
    private final PerMessageDeflate deflate;
    /** Null without permessage-deflate. */
    private final MessageDeflater deflater;

    public MessageEncoder(FrameEncoder frames, PerMessageDeflate deflate, MessageDeflater deflater) {
        if ((deflate == null) != (deflater == null)) {
            throw new IllegalArgumentException("deflate and deflater go together: both null or both set");
        }
        this.frames = frames;
        this.deflate = deflate;
        this.deflater = deflater;
    }

    /** One FIN frame carrying {@code payload}'s readable bytes; takes over the caller's reference. */
    public OutboundFrame encode(boolean isText, Buffer payload) {
        OutboundFrame[] one = new OutboundFrame[1];
        encode(isText, payload, (header, body) -> one[0] = new OutboundFrame(header, body));
        return one[0];
    }

    /** {@link #encode(boolean, Buffer)} into {@code out}, with no frame object. */
    public void encode(boolean isText, Buffer payload, FrameSink out) {
        int opcode = isText ? FrameLayout.OPCODE_TEXT : FrameLayout.OPCODE_BINARY;
        long length = payload.readableBytes();
        if (deflater == null || !deflate.shouldCompress(length)) {
            frames.encode(opcode, true, false, payload, out);
            return;
        }
        Buffer compressed;
        try {
            compressed = deflater.compress(payload.segment(), payload.readIndex(), length, frames.pool());
        } finally {
            payload.release();
        }
        frames.encode(opcode, true, true, compressed, out);
    }

    @Override
    public void close() {
        if (deflater != null) {
            deflater.close();
        }
    }
}
