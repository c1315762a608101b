package dev.weft.websocket;

import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import dev.weft.websocket.deflate.MessageInflater;

/**
 * Turns {@link FrameChunk}s into messages (RFC 6455 §5.4): joins fragments, lets control
 * frames interleave, inflates compressed messages (RFC 7692), checks text as it arrives, and
 * caps the message size.
 *
 * <ol>
 *   <li>A data frame starts a message: TEXT or BINARY when none is open (else 1002, "new data
 *       frame while fragmented"); CONTINUATION only when one is open (else 1002).
 *   <li>At each data frame's start, the message's frame lengths so far plus this frame's must
 *       fit {@code maxMessageBytes} (1009; for a compressed message this caps its compressed
 *       size). Known from the header, so the check does not depend on how reads were cut.
 *   <li>Each chunk's bytes go to the message (inflated first if its first frame had RSV1;
 *       the inflated size is capped while inflating, 1009), text checked by
 *       {@link Utf8Validator} as they are added, so bad UTF-8 fails on its first byte (1007).
 *   <li>The chunk that ends a FIN frame ends the message: the tail is inflated, the text must
 *       end on a code point boundary (1007), and the message is returned.
 *   <li>A control chunk is collected (at most 125 bytes) and returned whole at its frame's
 *       end; a message in progress is untouched.
 * </ol>
 * An unfragmented, uncompressed message that arrived in one read is returned without a copy,
 * as {@link FrameChunk#retainPayload()}: the receive buffer itself when the message is its last
 * bytes (then {@link FrameChunk#isSourceTaken()}: stop decoding that buffer), else a retained
 * slice of it. Others are collected in a pooled {@link MessageBuffer}.
 *
 * <p>Owned by one connection's decoding thread. {@link #close()} releases a partial message.
 */
public final class MessageAssembler implements AutoCloseable {

    /** Most a frame's header makes us reserve before its bytes arrive (a header alone costs the peer nothing). */
    private static final long MAX_RESERVE_BYTES = 64 * 1024;

    private final long maxMessageBytes;
    /** Null when permessage-deflate was not negotiated. */
    private final MessageInflater inflater;
    private final MessageBuffer message;
    private final Utf8Validator utf8 = new Utf8Validator();

    /** Owner thread only. True between a message's first frame and its end. */
    private boolean isInMessage;
    /** Owner thread only. True if the open message is text. */
    private boolean isText;
    /** Owner thread only. True if the open message's first frame had RSV1. */
    private boolean isCompressed;
    /** Owner thread only. Sum of the open message's frame lengths (as sent, so compressed if it is). */
    private long frameBytes;
    /** Owner thread only. The control frame being collected. */
    private final byte[] control = new byte[FrameLayout.MAX_CONTROL_PAYLOAD];
    /** Owner thread only. Bytes of {@code control} filled. */
    private int controlFilled;
    /** Owner thread only. The result every completed message is returned in. */
    private final Assembled.Message completed = new Assembled.Message();

    public MessageAssembler(BufferPool pool, long maxMessageBytes, MessageInflater inflater) {
        this.maxMessageBytes = maxMessageBytes;
        this.inflater = inflater;
        this.message = new MessageBuffer(pool);
    }

    /** Adds one chunk; returns a complete message or control frame, Pending, or the violation. */
    public Assembled accept(FrameChunk chunk) {
        if (chunk.isControl()) {
            return acceptControl(chunk);
        }
        Violation v = chunk.isFrameStart() ? startFrame(chunk) : null;
        if (v == null && isCompressed) {
            v = inflater.inflate(chunk.segment(), chunk.offset(), chunk.length(), message, maxMessageBytes, textValidator());
        }
        if (v != null) {
            return fail(v);
        }
        if (!isCompressed) { // step 3 for plain bytes; inflate() above did it for compressed ones
            if (isText && !utf8.update(chunk.segment(), chunk.offset(), chunk.length())) {
                return fail(Violation.invalidPayload("text message is not UTF-8"));
            }
            if (chunk.isFrameStart() && chunk.isFrameEnd() && chunk.isFin() && message.size() == 0) {
                return endMessage(chunk.retainPayload());
            }
            if (chunk.isFrameStart()) { // room for the frame at once, not a regrowth per read
                message.ensureWritable(Math.min(chunk.frameLength(), MAX_RESERVE_BYTES));
            }
            message.append(chunk.segment(), chunk.offset(), chunk.length());
        }
        if (chunk.isFrameEnd() && chunk.isFin()) {
            return finishMessage();
        }
        return Assembled.Pending.INSTANCE;
    }

    /** Steps 1 and 2. */
    private Violation startFrame(FrameChunk chunk) {
        int opcode = chunk.opcode();
        if (opcode == FrameLayout.OPCODE_CONTINUATION) {
            if (!isInMessage) {
                return Violation.protocolError("continuation frame without a start");
            }
        } else if (isInMessage) {
            return Violation.protocolError("new data frame while fragmented");
        } else {
            isInMessage = true;
            isText = opcode == FrameLayout.OPCODE_TEXT;
            isCompressed = chunk.isRsv1();
            frameBytes = 0;
            if (isCompressed && inflater == null) {
                return Violation.protocolError("compressed frame without permessage-deflate");
            }
        }
        frameBytes += chunk.frameLength();
        if (frameBytes > maxMessageBytes) {
            return Violation.tooBig("message exceeds " + maxMessageBytes + " bytes");
        }
        return null;
    }

    private Utf8Validator textValidator() {
        return isText ? utf8 : null;
    }

    /** Step 4. */
    private Assembled finishMessage() {
        if (isCompressed) {
            Violation v = inflater.finish(message, maxMessageBytes, textValidator());
            if (v != null) {
                return fail(v);
            }
        }
        return endMessage(message.take());
    }

    private Assembled endMessage(Buffer payload) {
        if (isText && !utf8.isComplete()) {
            payload.release();
            return fail(Violation.invalidPayload("text message ends inside a code point"));
        }
        boolean text = isText;
        resetMessage();
        return completed.set(text, payload);
    }

    /** Step 5. */
    private Assembled acceptControl(FrameChunk chunk) {
        if (chunk.isFrameStart()) {
            controlFilled = 0;
        }
        int n = (int) chunk.length(); // the decoder caps control frames at 125 bytes
        java.lang.foreign.MemorySegment.copy(chunk.segment(), java.lang.foreign.ValueLayout.JAVA_BYTE, chunk.offset(),
                control, controlFilled, n);
        controlFilled += n;
        if (!chunk.isFrameEnd()) {
            return Assembled.Pending.INSTANCE;
        }
        if (chunk.opcode() == FrameLayout.OPCODE_CLOSE) {
            return switch (ClosePayload.parse(control, controlFilled)) {
                case ClosePayload c -> new Assembled.Close(c);
                case Violation v -> fail(v);
            };
        }
        return new Assembled.Control(chunk.opcode(), java.util.Arrays.copyOf(control, controlFilled));
    }

    private Violation fail(Violation v) {
        message.discard();
        if (inflater != null) {
            inflater.reset();
        }
        resetMessage();
        return v;
    }

    private void resetMessage() {
        isInMessage = false;
        isText = false;
        isCompressed = false;
        utf8.reset();
    }

    /** Releases a partial message. */
    @Override
    public void close() {
        message.discard();
    }
}
