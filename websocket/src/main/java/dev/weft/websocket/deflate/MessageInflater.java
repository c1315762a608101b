package dev.weft.websocket.deflate;

import dev.weft.io.buffer.Buffer;
import dev.weft.websocket.MessageBuffer;
import dev.weft.websocket.Utf8Validator;
import dev.weft.websocket.Violation;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses permessage-deflate messages (RFC 7692 §7.2.2): raw DEFLATE (no zlib header),
 * fed frame by frame, with the {@code 00 00 ff ff} tail the sender stripped appended at the
 * message's end.
 *
 * <p>The size cap is enforced while inflating: the inflater never writes more than one byte
 * past the cap, so a small compressed message that would inflate to gigabytes (a decompression
 * bomb) stops with 1009 after {@code maxMessageBytes + 1} bytes of work.
 *
 * <p>With context takeover off for the peer ({@code client_no_context_takeover} seen from the
 * server), the window is reset after every message. Owned by one connection's decoding thread.
 */
public final class MessageInflater implements AutoCloseable {

    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};
    /** Room asked of the output before each inflate call. */
    private static final long STEP_BYTES = 8192;

    private final Inflater inflater = new Inflater(true);
    private final boolean isNoContextTakeover;
    /** Owner thread only. True once the current message fed any compressed byte. */
    private boolean hasInput;

    public MessageInflater(boolean isNoContextTakeover) {
        this.isNoContextTakeover = isNoContextTakeover;
    }

    /**
     * Inflates {@code [offset, offset + length)} of {@code input} into {@code out}; returns
     * null, or a violation when the output would pass {@code maxMessageBytes} (1009), the data
     * is not DEFLATE (1007), or {@code text} (null for binary) rejects the output (1007). Each
     * step's output is checked before the next step, so the first problem in stream order is
     * the one reported, however the input was cut into reads.
     */
    public Violation inflate(MemorySegment input, long offset, long length, MessageBuffer out, long maxMessageBytes,
                             Utf8Validator text) {
        if (length == 0) {
            return null;
        }
        hasInput = true;
        return run(input.asSlice(offset, length).asByteBuffer(), out, maxMessageBytes, text);
    }

    /**
     * Ends the message: inflates the tail and, without context takeover, forgets the window.
     * A message with no compressed bytes at all is taken as empty and gets no tail: a tail
     * alone would open a stored block that swallows the next message (some senders emit an
     * empty payload instead of §7.2.3.6's single 0x00).
     */
    public Violation finish(MessageBuffer out, long maxMessageBytes, Utf8Validator text) {
        boolean isEmpty = !hasInput;
        hasInput = false;
        Violation v = inflater.finished() || isEmpty ? null : run(ByteBuffer.wrap(TAIL), out, maxMessageBytes, text);
        if (isNoContextTakeover || inflater.finished()) {
            // A final block (BFINAL) ends the DEFLATE stream; the next message starts a new one.
            inflater.reset();
        }
        return v;
    }

    /** Drops any partial message state (after a violation, or before reuse). */
    public void reset() {
        hasInput = false;
        inflater.reset();
    }

    private Violation run(ByteBuffer input, MessageBuffer out, long maxMessageBytes, Utf8Validator text) {
        inflater.setInput(input);
        try {
            while (!inflater.finished()) {
                long allowed = maxMessageBytes - out.size() + 1;
                Buffer b = out.ensureWritable(Math.min(STEP_BYTES, allowed));
                long room = Math.min(b.writableBytes(), allowed);
                ByteBuffer target = b.segment().asSlice(b.writeIndex(), room).asByteBuffer();
                long at = b.writeIndex();
                int n = inflater.inflate(target);
                b.advanceWriteIndex(n);
                if (out.size() > maxMessageBytes) {
                    return Violation.tooBig("inflated message exceeds " + maxMessageBytes + " bytes");
                }
                if (text != null && !text.update(b.segment(), at, n)) {
                    return Violation.invalidPayload("text message is not UTF-8");
                }
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
            }
        } catch (DataFormatException e) {
            return Violation.invalidPayload("invalid DEFLATE data");
        }
        if (inflater.needsDictionary()) {
            return Violation.invalidPayload("invalid DEFLATE data");
        }
        return null;
    }

    @Override
    public void close() {
        inflater.end();
    }
}
