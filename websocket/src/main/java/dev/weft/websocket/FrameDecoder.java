package dev.weft.websocket;

import dev.weft.io.buffer.Buffer;

/**
 * Decodes RFC 6455 frames in place from receive buffers: the payload is handed on as a slice
 * of the buffer, unmasked where it lies, and never copied. Resumable: a header split across
 * reads is collected here (at most 14 bytes), and a payload split across reads comes out as
 * several {@link FrameChunk}s, the mask phase carried from one to the next. The chunk is one
 * object refilled per call (see {@link FrameChunk}), so decoding allocates nothing.
 *
 * <p>Each call consumes bytes from {@code in}'s read index and returns one result:
 * <ol>
 *   <li>{@link State#HEADER}: copy header bytes until the 2-byte prefix is in, check it (so a
 *       bad first byte fails at once), then until the extended length and mask key are in,
 *       check those. An empty payload yields its chunk here.
 *   <li>{@link State#PAYLOAD}: take what is readable, up to what the frame still owes; unmask
 *       it in place; yield it as a chunk. When the frame is complete, back to step 1.
 *   <li>{@link State#FAILED}: after a violation, every call returns the same violation and
 *       consumes nothing: the caller sends the close and stops reading.
 * </ol>
 *
 * <p>Rules (one check each, each with its own close code and reason): RSV1 only with an
 * extension that uses it (permessage-deflate) and only on a data frame's first frame; RSV2
 * and RSV3 never; known opcodes only; control frames unfragmented and at most 125 bytes;
 * frames from a client masked and frames from a server unmasked; a 64-bit length with its
 * top bit clear; lengths in the minimal encoding (§5.2 says the minimal number of bytes MUST
 * be used, so a longer encoding is a sender bug and closes with 1002, as strict peers do);
 * a payload no longer than {@code maxFramePayloadBytes} (else 1009). Fragment sequencing
 * (continuation without a start, a new message mid-message) is {@link MessageAssembler}'s job.
 *
 * <p>Thread roles: one instance per connection, used by the thread that owns its receive
 * buffers. Never throws for any input bytes.
 */
public final class FrameDecoder {

    enum State { HEADER, PAYLOAD, FAILED }

    private final Role role;
    private final long maxFramePayloadBytes;
    private final boolean isRsv1Allowed;

    /** Owner thread only. Which step of the class doc runs next. */
    private State state = State.HEADER;
    /** Owner thread only. Header bytes collected so far for the current frame. */
    private final byte[] header = new byte[FrameLayout.MAX_HEADER_BYTES];
    /** Owner thread only. How many of {@code header} are filled. */
    private int headerFilled;
    /** Owner thread only. How many header bytes this frame has (2 until the prefix is read). */
    private int headerNeeded = FrameLayout.MIN_HEADER_BYTES;
    /** Owner thread only. Current frame's opcode. */
    private int opcode;
    /** Owner thread only. Current frame's FIN bit. */
    private boolean isFin;
    /** Owner thread only. Current frame's RSV1 bit. */
    private boolean isRsv1;
    /** Owner thread only. Current frame's MASK bit. */
    private boolean isMasked;
    /** Owner thread only. Current frame's payload length. */
    private long frameLength;
    /** Owner thread only. Current frame's mask key, in wire order. */
    private int maskKey;
    /** Owner thread only. Key byte for the next payload byte (payload bytes seen mod 4). */
    private int maskPhase;
    /** Owner thread only. Payload bytes the current frame still owes. */
    private long remaining;
    /** Owner thread only. True until the current frame's first chunk is yielded. */
    private boolean isFrameStart;
    /** Owner thread only. Set once, with state FAILED. */
    private Violation failure;
    /** Owner thread only. The chunk every call that yields one refills. */
    private final FrameChunk chunk = new FrameChunk();

    /**
     * @param role this end; a SERVER requires masked frames, a CLIENT unmasked ones
     * @param maxFramePayloadBytes longer frames fail with 1009
     * @param isRsv1Allowed true when permessage-deflate was negotiated
     */
    public FrameDecoder(Role role, long maxFramePayloadBytes, boolean isRsv1Allowed) {
        if (maxFramePayloadBytes < FrameLayout.MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException("maxFramePayloadBytes must be >= 125 (control frames), was " + maxFramePayloadBytes);
        }
        this.role = role;
        this.maxFramePayloadBytes = maxFramePayloadBytes;
        this.isRsv1Allowed = isRsv1Allowed;
    }

    /** Consumes bytes from {@code in} and returns the next chunk, a need for more bytes, or a violation. */
    public Decoded decode(Buffer in) {
        return switch (state) {
            case HEADER -> decodeHeader(in);
            case PAYLOAD -> decodePayload(in);
            case FAILED -> failure;
        };
    }

    /** True after a violation; the connection must close. */
    public boolean isFailed() {
        return state == State.FAILED;
    }

    private Decoded decodeHeader(Buffer in) {
        while (headerFilled < headerNeeded) {
            if (in.readableBytes() == 0) {
                return Decoded.NeedMoreData.INSTANCE;
            }
            header[headerFilled++] = in.readByte();
            if (headerFilled == FrameLayout.MIN_HEADER_BYTES) {
                Violation v = checkPrefix();
                if (v != null) {
                    return fail(v);
                }
            }
        }
        Violation v = readLengthAndKey();
        if (v != null) {
            return fail(v);
        }
        headerFilled = 0;
        headerNeeded = FrameLayout.MIN_HEADER_BYTES;
        maskPhase = 0;
        isFrameStart = true;
        state = State.PAYLOAD;
        if (remaining == 0) {
            return emptyFrame(in);
        }
        return decodePayload(in);
    }

    /** Step 1's first check, on bytes 0 and 1; sets headerNeeded. Null if the prefix is fine. */
    private Violation checkPrefix() {
        int b0 = header[0] & 0xff;
        int b1 = header[1] & 0xff;
        isFin = (b0 & FrameLayout.FIN) != 0;
        isRsv1 = (b0 & FrameLayout.RSV1) != 0;
        opcode = b0 & FrameLayout.OPCODE_MASK;
        isMasked = (b1 & FrameLayout.MASK) != 0;
        int length7 = b1 & FrameLayout.LENGTH_MASK;
        if ((b0 & (FrameLayout.RSV2 | FrameLayout.RSV3)) != 0) {
            return Violation.protocolError("RSV2/RSV3 set without an extension");
        }
        if (!FrameLayout.isKnown(opcode)) {
            return Violation.protocolError("unknown opcode " + opcode);
        }
        if (isRsv1) {
            if (!isRsv1Allowed) {
                return Violation.protocolError("RSV1 set without an extension");
            }
            if (opcode != FrameLayout.OPCODE_TEXT && opcode != FrameLayout.OPCODE_BINARY) {
                return Violation.protocolError("RSV1 set on a control or continuation frame");
            }
        }
        if (FrameLayout.isControl(opcode)) {
            if (!isFin) {
                return Violation.protocolError("fragmented control frame");
            }
            if (length7 > FrameLayout.MAX_CONTROL_PAYLOAD) {
                return Violation.protocolError("control frame longer than 125 bytes");
            }
        }
        if (role == Role.SERVER && !isMasked) {
            return Violation.protocolError("client frame not masked");
        }
        if (role == Role.CLIENT && isMasked) {
            return Violation.protocolError("server frame masked");
        }
        int extended = length7 == FrameLayout.LENGTH_16 ? FrameLayout.LENGTH_16_BYTES
                : length7 == FrameLayout.LENGTH_64 ? FrameLayout.LENGTH_64_BYTES : 0;
        headerNeeded = FrameLayout.MIN_HEADER_BYTES + extended + (isMasked ? FrameLayout.MASK_KEY_BYTES : 0);
        return null;
    }

    /** Step 1's second check, on the whole header; sets remaining and maskKey. */
    private Violation readLengthAndKey() {
        int length7 = header[1] & FrameLayout.LENGTH_MASK;
        int at = FrameLayout.MIN_HEADER_BYTES;
        long length;
        if (length7 == FrameLayout.LENGTH_16) {
            length = readBigEndian(at, FrameLayout.LENGTH_16_BYTES);
            at += FrameLayout.LENGTH_16_BYTES;
            if (length < FrameLayout.LENGTH_16) {
                return Violation.protocolError("non-minimal 16-bit length " + length);
            }
        } else if (length7 == FrameLayout.LENGTH_64) {
            length = readBigEndian(at, FrameLayout.LENGTH_64_BYTES);
            at += FrameLayout.LENGTH_64_BYTES;
            if (length < 0) {
                return Violation.protocolError("64-bit length with the top bit set");
            }
            if (length <= FrameLayout.MAX_LENGTH_16) {
                return Violation.protocolError("non-minimal 64-bit length " + length);
            }
        } else {
            length = length7;
        }
        if (length > maxFramePayloadBytes) {
            return Violation.tooBig("frame of " + length + " bytes exceeds " + maxFramePayloadBytes);
        }
        maskKey = isMasked ? (int) readBigEndian(at, FrameLayout.MASK_KEY_BYTES) : 0;
        remaining = length;
        frameLength = length;
        return null;
    }

    private long readBigEndian(int at, int bytes) {
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v = (v << 8) | (header[at + i] & 0xff);
        }
        return v;
    }

    private Decoded decodePayload(Buffer in) {
        long n = Math.min(remaining, in.readableBytes());
        if (n == 0) {
            return Decoded.NeedMoreData.INSTANCE;
        }
        long start = in.readIndex();
        if (isMasked) {
            maskPhase = Masking.mask(in.segment(), start, n, maskKey, maskPhase);
        }
        in.advanceReadIndex(n);
        remaining -= n;
        return chunk(in, start, n);
    }

    private Decoded emptyFrame(Buffer in) {
        return chunk(in, in.readIndex(), 0);
    }

    private FrameChunk chunk(Buffer in, long offset, long length) {
        boolean isEnd = remaining == 0;
        chunk.set(opcode, isFin, isRsv1, frameLength, in, offset, length, isFrameStart, isEnd);
        isFrameStart = false;
        if (isEnd) {
            state = State.HEADER;
        }
        return chunk;
    }

    private Violation fail(Violation v) {
        state = State.FAILED;
        failure = v;
        return v;
    }
}
