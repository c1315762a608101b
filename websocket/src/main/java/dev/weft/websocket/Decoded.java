package dev.weft.websocket;

/**
 * What one {@link FrameDecoder#decode} call produced: a run of a frame's payload, a request
 * for more bytes, or the violation that ends the connection. Switch over it exhaustively.
 */
public sealed interface Decoded permits FrameChunk, Decoded.NeedMoreData, Violation {

    /** Every readable byte was consumed (into a partial header or nothing); call again after the next read. */
    enum NeedMoreData implements Decoded {
        INSTANCE
    }
}
