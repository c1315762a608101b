package dev.weft.websocket;

import dev.weft.io.buffer.Buffer;

/**
 * A run of one frame's payload, already unmasked, as a slice of the receive buffer (no copy).
 * A frame whose payload arrives in one read is one chunk with both {@code isFrameStart} and
 * {@code isFrameEnd}; an empty frame is one chunk with an empty payload.
 *
 * <p>{@code payload} shares the receive buffer's reference count without adding to it: it is
 * valid while the receive buffer is held, and a holder that keeps it longer calls
 * {@code payload.retain()} and later {@code payload.release()}.
 *
 * @param opcode the frame's opcode ({@link FrameLayout}'s {@code OPCODE_*})
 * @param isFin the frame's FIN bit
 * @param isRsv1 the frame's RSV1 bit (permessage-deflate: the message is compressed)
 * @param frameLength the whole frame's payload length, from its header (known at the first chunk)
 */
public record FrameChunk(int opcode, boolean isFin, boolean isRsv1, long frameLength, Buffer payload,
                         boolean isFrameStart, boolean isFrameEnd) implements Decoded {

    public boolean isControl() {
        return FrameLayout.isControl(opcode);
    }
}
