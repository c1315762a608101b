package dev.weft.websocket.deflate;

import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import dev.weft.websocket.MessageBuffer;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.zip.Deflater;

/**
 * Compresses whole messages for permessage-deflate (RFC 7692 §7.2.1): raw DEFLATE with a sync
 * flush at the end, whose {@code 00 00 ff ff} tail is removed before sending. The window is
 * always 32 KiB (15 bits): java.util.zip has no way to ask for less, which is why the
 * negotiation declines offers that demand a smaller {@code server_max_window_bits}.
 *
 * <p>With context takeover off for this side, the dictionary is reset after every message.
 * Owned by one connection's sending thread.
 */
public final class MessageDeflater implements AutoCloseable {

    private static final long STEP_BYTES = 4096;
    private static final int TAIL_BYTES = 4;

    private final Deflater deflater;
    private final boolean isNoContextTakeover;

    public MessageDeflater(int level, boolean isNoContextTakeover) {
        this.deflater = new Deflater(level, true);
        this.isNoContextTakeover = isNoContextTakeover;
    }

    /** The compressed form of {@code [offset, offset + length)} of {@code input}, owned by the caller. */
    public Buffer compress(MemorySegment input, long offset, long length, BufferPool pool) {
        MessageBuffer out = new MessageBuffer(pool);
        deflater.setInput(input.asSlice(offset, length).asByteBuffer());
        while (true) {
            Buffer b = out.ensureWritable(STEP_BYTES);
            ByteBuffer target = b.segment().asSlice(b.writeIndex(), b.writableBytes()).asByteBuffer();
            int n = deflater.deflate(target, Deflater.SYNC_FLUSH);
            b.advanceWriteIndex(n);
            // A sync flush is complete when the input is used up and the output was not filled.
            if (deflater.needsInput() && target.hasRemaining()) {
                break;
            }
        }
        if (isNoContextTakeover) {
            deflater.reset();
        }
        Buffer result = out.take();
        stripTail(result);
        if (result.readableBytes() == 0) {
            result.release();
            return emptyMessage(pool);
        }
        return result;
    }

    /**
     * RFC 7692 §7.2.3.6: an empty message is sent as one 0x00 byte (an empty stored block's
     * header; the receiver's appended tail completes it). Needed because zlib emits nothing
     * for a sync flush right after another one, and an empty payload plus the receiver's tail
     * would be a broken block that corrupts the next message.
     */
    private static Buffer emptyMessage(BufferPool pool) {
        Buffer b = pool.allocate(1);
        b.writeByte((byte) 0);
        return b;
    }

    /** Removes the trailing empty stored block {@code 00 00 ff ff} that a sync flush ends with. */
    private static void stripTail(Buffer b) {
        long end = b.writeIndex();
        if (end >= TAIL_BYTES && b.getByte(end - 4) == 0 && b.getByte(end - 3) == 0
                && b.getByte(end - 2) == (byte) 0xff && b.getByte(end - 1) == (byte) 0xff) {
            b.setIndexes(b.readIndex(), end - TAIL_BYTES);
        }
    }

    @Override
    public void close() {
        deflater.end();
    }
}
