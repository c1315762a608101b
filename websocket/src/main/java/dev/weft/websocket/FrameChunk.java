package dev.weft.websocket;

import dev.weft.io.buffer.Buffer;
import java.lang.foreign.MemorySegment;

/**
 * A run of one frame's payload, already unmasked, as a range of the receive buffer (no copy).
 * A frame whose payload arrives in one read is one chunk with both {@code isFrameStart} and
 * {@code isFrameEnd}; an empty frame is one chunk with an empty payload.
 *
 * <p>One instance per {@link FrameDecoder}, refilled by each {@code decode} that yields a chunk,
 * so decoding allocates nothing: read a chunk before the next {@code decode}. Its range is valid
 * while the receive buffer ({@link #source()}) is held. A consumer that keeps the payload past
 * that calls {@link #retainPayload()}, which hands over the receive buffer itself when the
 * payload is the last of its bytes (the usual case, one frame per read: no view object).
 *
 * <p>Thread roles: the decoder's owner thread only.
 */
public final class FrameChunk implements Decoded {

    /** Owner thread only. The frame's opcode ({@link FrameLayout}'s {@code OPCODE_*}). */
    private int opcode;
    /** Owner thread only. The frame's FIN bit. */
    private boolean isFin;
    /** Owner thread only. The frame's RSV1 bit (permessage-deflate: the message is compressed). */
    private boolean isRsv1;
    /** Owner thread only. The whole frame's payload length, from its header (known at the first chunk). */
    private long frameLength;
    /** Owner thread only. The receive buffer the payload lies in. */
    private Buffer source;
    /** Owner thread only. Where the payload starts in {@code source}'s segment. */
    private long offset;
    /** Owner thread only. Payload bytes of this chunk. */
    private long length;
    /** Owner thread only. This chunk starts its frame. */
    private boolean isFrameStart;
    /** Owner thread only. This chunk ends its frame. */
    private boolean isFrameEnd;
    /** Owner thread only. {@link #retainPayload()} handed over {@code source} itself. */
    private boolean isSourceTaken;

    FrameChunk() {
    }

    /** The decoder's refill, for the next chunk. */
    void set(int newOpcode, boolean fin, boolean rsv1, long newFrameLength, Buffer newSource, long newOffset,
             long newLength, boolean frameStart, boolean frameEnd) {
        opcode = newOpcode;
        isFin = fin;
        isRsv1 = rsv1;
        frameLength = newFrameLength;
        source = newSource;
        offset = newOffset;
        length = newLength;
        isFrameStart = frameStart;
        isFrameEnd = frameEnd;
        isSourceTaken = false;
    }

    public int opcode() {
        return opcode;
    }

    public boolean isFin() {
        return isFin;
    }

    public boolean isRsv1() {
        return isRsv1;
    }

    public long frameLength() {
        return frameLength;
    }

    public boolean isFrameStart() {
        return isFrameStart;
    }

    public boolean isFrameEnd() {
        return isFrameEnd;
    }

    public boolean isControl() {
        return FrameLayout.isControl(opcode);
    }

    /** The receive buffer the payload lies in. */
    public Buffer source() {
        return source;
    }

    /** The memory the payload lies in: {@code [offset(), offset() + length())} of it. */
    public MemorySegment segment() {
        return source.segment();
    }

    public long offset() {
        return offset;
    }

    public long length() {
        return length;
    }

    /**
     * The payload as a buffer with one reference of its own, for a consumer that keeps it.
     * When the payload runs to the end of what {@link #source()} holds, that is the source
     * itself, its indexes set to the payload: it has nothing more to decode, and it becomes the
     * payload ({@link #isSourceTaken()} turns true; the caller must not pass it to
     * {@code decode} again). Otherwise a slice of it.
     */
    public Buffer retainPayload() {
        Buffer s = source;
        if (offset + length == s.writeIndex() && s.readIndex() == s.writeIndex()) {
            isSourceTaken = true;
            return s.setIndexes(offset, offset + length).retain();
        }
        return s.slice(offset, length).retain();
    }

    /**
     * True once {@link #retainPayload()} handed over the receive buffer itself: its indexes now
     * belong to the payload's holder, so the caller stops decoding it (it held no more bytes).
     */
    public boolean isSourceTaken() {
        return isSourceTaken;
    }

    /** The payload as a slice of the source (a view object per call), for tests and tools. */
    public Buffer payload() {
        return source.slice(offset, length);
    }

    @Override
    public String toString() {
        return "FrameChunk[opcode=" + opcode + ", fin=" + isFin + ", rsv1=" + isRsv1 + ", frameLength=" + frameLength
                + ", length=" + length + ", frameStart=" + isFrameStart + ", frameEnd=" + isFrameEnd + "]";
    }
}
