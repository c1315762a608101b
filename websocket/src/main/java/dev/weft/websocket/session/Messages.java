package dev.weft.websocket.session;

import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/** Conversions between message buffers and Java values, for handlers that want them. */
public final class Messages {

    private Messages() {
    }

    /** The readable bytes of {@code utf8} as a String (the buffer is not consumed). */
    public static String text(Buffer utf8) {
        return new String(bytes(utf8), StandardCharsets.UTF_8);
    }

    /** A copy of the readable bytes of {@code b} (the buffer is not consumed). */
    public static byte[] bytes(Buffer b) {
        byte[] out = new byte[(int) b.readableBytes()];
        MemorySegment.copy(b.segment(), ValueLayout.JAVA_BYTE, b.readIndex(), out, 0, out.length);
        return out;
    }

    /** A pooled buffer holding {@code bytes}; the caller owns it. */
    public static Buffer buffer(BufferPool pool, byte[] bytes) {
        Buffer b = pool.allocate(Math.max(1, bytes.length));
        b.writeBytes(bytes);
        return b;
    }

    /** A pooled buffer holding {@code text} as UTF-8; the caller owns it. */
    public static Buffer buffer(BufferPool pool, String text) {
        return buffer(pool, text.getBytes(StandardCharsets.UTF_8));
    }
}
