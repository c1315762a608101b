package dev.weft.websocket;

import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import java.util.HexFormat;

/** Test helpers: hex with spaces to bytes, and bytes into pooled buffers and back. */
public final class Bytes {

    private Bytes() {
    }

    /** "81 05 48" or "810548" to bytes. */
    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    public static String toHex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** A pooled buffer holding {@code bytes} as its readable bytes. */
    public static Buffer buffer(BufferPool pool, byte[] bytes) {
        Buffer b = pool.allocate(bytes.length);
        b.writeBytes(bytes);
        return b;
    }

    /** The readable bytes of {@code b}, without consuming them. */
    public static byte[] readable(Buffer b) {
        return b.duplicate().readBytes((int) b.readableBytes());
    }

    /** Concatenation. */
    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
