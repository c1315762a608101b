package dev.weft.websocket.session;

import dev.weft.io.buffer.BufferPool;
import dev.weft.websocket.FrameDecoder;
import dev.weft.websocket.FrameEncoder;
import dev.weft.websocket.MessageAssembler;
import dev.weft.websocket.MessageEncoder;
import dev.weft.websocket.Role;
import dev.weft.websocket.deflate.DeflateParameters;
import dev.weft.websocket.deflate.MessageDeflater;
import dev.weft.websocket.deflate.MessageInflater;
import dev.weft.websocket.deflate.PerMessageDeflate;
import java.security.SecureRandom;

/**
 * The codec objects of one connection, built for its role and the handshake's agreement.
 *
 * @param inflater null without permessage-deflate; the assembler uses it, {@link #close()} ends it
 */
public record ConnectionCodec(FrameDecoder decoder, MessageAssembler assembler, FrameEncoder frames,
                              MessageEncoder messages, MessageInflater inflater) implements AutoCloseable {

    /** Client frames are masked with keys nobody can predict (RFC 6455 §10.3). */
    private static final SecureRandom MASK_KEYS = new SecureRandom();

    /**
     * @param agreed the permessage-deflate agreement, or null to go without (then {@code deflate} is unused)
     */
    public static ConnectionCodec create(Role role, BufferPool pool, WebSocketOptions options,
                                         PerMessageDeflate deflate, DeflateParameters agreed) {
        boolean isServer = role == Role.SERVER;
        MessageInflater inflater = null;
        MessageDeflater deflater = null;
        if (agreed != null) {
            inflater = isServer ? deflate.newServerInflater(agreed) : deflate.newClientInflater(agreed);
            deflater = isServer ? deflate.newServerDeflater(agreed) : deflate.newClientDeflater(agreed);
        }
        FrameDecoder decoder = new FrameDecoder(role, options.maxFramePayloadBytes(), agreed != null);
        MessageAssembler assembler = new MessageAssembler(pool, options.maxMessageBytes(), inflater);
        FrameEncoder frames = new FrameEncoder(role, pool, isServer ? null : MASK_KEYS::nextInt);
        MessageEncoder messages = new MessageEncoder(frames, agreed == null ? null : deflate, deflater);
        return new ConnectionCodec(decoder, assembler, frames, messages, inflater);
    }

    /** Releases a partial message and ends the (de)compressors. */
    @Override
    public void close() {
        assembler.close();
        messages.close();
        if (inflater != null) {
            inflater.close();
        }
    }
}
