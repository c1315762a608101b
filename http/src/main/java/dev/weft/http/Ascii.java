package dev.weft.http;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Byte classes of RFC 9110 §5.6 and byte/String comparisons that allocate nothing. */
final class Ascii {

    static final byte CR = '\r';
    static final byte LF = '\n';
    static final byte SP = ' ';
    static final byte HTAB = '\t';

    /** tchar (RFC 9110 §5.6.2): the bytes of a token (method, field name). */
    private static final boolean[] TCHAR = new boolean[256];

    static {
        for (int c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private Ascii() {
    }

    static byte at(MemorySegment s, long i) {
        return s.get(ValueLayout.JAVA_BYTE, i);
    }

    static boolean isTchar(byte b) {
        return TCHAR[b & 0xFF];
    }

    /** field-vchar / SP / HTAB (RFC 9110 §5.5), obs-text included: everything but CTLs and DEL. */
    static boolean isFieldValueByte(byte b) {
        int c = b & 0xFF;
        return c >= 0x20 && c != 0x7F || c == HTAB;
    }

    /** request-target bytes: visible ASCII (RFC 3986 characters; no space, no CTL, no obs-text). */
    static boolean isTargetByte(byte b) {
        return b > 0x20 && b < 0x7F;
    }

    static boolean isWhitespace(byte b) {
        return b == SP || b == HTAB;
    }

    static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    /** The value of hex digit {@code b}, or -1. */
    static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        int c = lower(b);
        return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }

    /** ASCII-case-insensitive equality of {@code s[start, start+len)} and {@code text}. */
    static boolean equalsIgnoreCase(MemorySegment s, long start, int len, String text) {
        if (len != text.length()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (lower(at(s, start + i) & 0xFF) != lower(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** ISO-8859-1 decoding of {@code s[start, start+len)}: one char per byte, as RFC 9110 fields are. */
    static String string(MemorySegment s, long start, int len) {
        byte[] bytes = new byte[len];
        MemorySegment.copy(s, ValueLayout.JAVA_BYTE, start, bytes, 0, len);
        return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
