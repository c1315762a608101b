package dev.weft.websocket;

import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import java.lang.foreign.MemorySegment;
import java.util.function.IntSupplier;

/**
 * Encodes frames as a separate header (2 to 14 bytes) and payload, so a server sends one
 * payload buffer to many connections without copying it: each connection's frame holds a
 * reference ({@code retain()}) to the shared payload, which the connection writes by position
 * without moving its indexes, and the memory returns to the pool when the last frame is sent.
 *
 * <p>A client must mask (RFC 6455 §5.3) with a fresh key per frame, which changes the payload
 * bytes, so client frames copy the payload into a new buffer and mask the copy; the caller's
 * payload is left intact (it may be shared) and its reference released.
 *
 * <p>Stateless apart from its configuration; usable from one sending thread at a time.
 */
public final class FrameEncoder {

    /** Capacity of a header buffer: a whole pool chunk, which needs no slice object per frame. */
    private static final long HEADER_BUFFER_BYTES = BufferPool.chunkBytesFor(FrameLayout.MAX_HEADER_BYTES);

    private final Role role;
    private final BufferPool pool;
    /** Client only: a fresh, unpredictable key per frame (a SecureRandom in production). */
    private final IntSupplier maskKeys;

    public FrameEncoder(Role role, BufferPool pool, IntSupplier maskKeys) {
        if (role == Role.CLIENT && maskKeys == null) {
            throw new IllegalArgumentException("a CLIENT encoder needs maskKeys");
        }
        this.role = role;
        this.pool = pool;
        this.maskKeys = maskKeys;
    }

    /**
     * A frame carrying {@code payload}'s readable bytes. Takes over the caller's reference to
     * {@code payload} (pass {@code shared.retain()} to keep one for others); never moves its indexes.
     */
    public OutboundFrame encode(int opcode, boolean isFin, boolean isRsv1, Buffer payload) {
        OutboundFrame[] one = new OutboundFrame[1];
        encode(opcode, isFin, isRsv1, payload, (header, body) -> one[0] = new OutboundFrame(header, body));
        return one[0];
    }

    /** {@link #encode(int, boolean, boolean, Buffer)} into {@code out}, with no frame object. */
    public void encode(int opcode, boolean isFin, boolean isRsv1, Buffer payload, FrameSink out) {
        long length = payload.readableBytes();
        checkFrame(opcode, isFin, length, payload);
        boolean isMasked = role == Role.CLIENT;
        int key = isMasked ? maskKeys.getAsInt() : 0;
        Buffer header = pool.allocate(HEADER_BUFFER_BYTES);
        writeHeader(header, opcode, isFin, isRsv1, length, isMasked, key);
        if (!isMasked) {
            out.frame(header, payload);
            return;
        }
        Buffer copy = pool.allocate(length);
        MemorySegment.copy(payload.segment(), payload.readIndex(), copy.segment(), 0, length);
        copy.advanceWriteIndex(length);
        payload.release();
        Masking.mask(copy.segment(), 0, length, key, 0);
        out.frame(header, copy);
    }

    /** The pool headers (and client copies) come from. */
    public BufferPool pool() {
        return pool;
    }

    /** A close frame for {@code close}. */
    public OutboundFrame encodeClose(ClosePayload close) {
        return encodeControl(FrameLayout.OPCODE_CLOSE, close.encode());
    }

    /** A ping or pong carrying {@code body} (at most 125 bytes). */
    public OutboundFrame encodeControl(int opcode, byte[] body) {
        Buffer payload = pool.allocate(body.length);
        payload.writeBytes(body);
        return encode(opcode, true, false, payload);
    }

    private static void checkFrame(int opcode, boolean isFin, long length, Buffer payload) {
        if (!FrameLayout.isKnown(opcode) || (FrameLayout.isControl(opcode) && (!isFin || length > FrameLayout.MAX_CONTROL_PAYLOAD))) {
            payload.release();
            throw new IllegalArgumentException("invalid frame: opcode=" + opcode + " fin=" + isFin + " length=" + length);
        }
    }

    /**
     * Writes the header of RFC 6455 §5.2 at {@code out}'s write index, in the minimal length
     * encoding; returns its size (2 to 14 bytes).
     */
    public static int writeHeader(Buffer out, int opcode, boolean isFin, boolean isRsv1, long length,
                                  boolean isMasked, int maskKey) {
        long start = out.writeIndex();
        int b0 = opcode | (isFin ? FrameLayout.FIN : 0) | (isRsv1 ? FrameLayout.RSV1 : 0);
        int maskBit = isMasked ? FrameLayout.MASK : 0;
        out.writeByte((byte) b0);
        if (length < FrameLayout.LENGTH_16) {
            out.writeByte((byte) (maskBit | length));
        } else if (length <= FrameLayout.MAX_LENGTH_16) {
            out.writeByte((byte) (maskBit | FrameLayout.LENGTH_16));
            writeBigEndian(out, length, FrameLayout.LENGTH_16_BYTES);
        } else {
            out.writeByte((byte) (maskBit | FrameLayout.LENGTH_64));
            writeBigEndian(out, length, FrameLayout.LENGTH_64_BYTES);
        }
        if (isMasked) {
            writeBigEndian(out, maskKey & 0xffffffffL, FrameLayout.MASK_KEY_BYTES);
        }
        return (int) (out.writeIndex() - start);
    }

    private static void writeBigEndian(Buffer out, long value, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.writeByte((byte) (value >>> (8 * i)));
        }
    }
}
