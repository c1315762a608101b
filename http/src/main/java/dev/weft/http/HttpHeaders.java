package dev.weft.http;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * A request's header fields as offsets into the retained head bytes: a name or value becomes a
 * {@code String} only when {@link #name(int)}, {@link #value(int)} or {@link #get(String)} is
 * called. Lookups compare bytes against the query ASCII-case-insensitively and allocate nothing.
 * Values are stored without their leading and trailing whitespace. Valid while the owning
 * {@link HttpRequest} is open.
 *
 * <p>Thread roles: filled by the decoding thread before the request is published; read-only after.
 */
public final class HttpHeaders {

    /** The head bytes; re-pointed by the decoder when its head buffer grows, fixed once published. */
    private MemorySegment bytes;
    /** Per field: name start, name length, value start, value length. Written only while decoding. */
    private int[] offsets = new int[4 * 16];
    /** Written only while decoding. */
    private int size;

    HttpHeaders(MemorySegment bytes) {
        this.bytes = bytes;
    }

    void attach(MemorySegment headBytes) {
        this.bytes = headBytes;
    }

    void add(int nameStart, int nameLength, int valueStart, int valueLength) {
        if (4 * size == offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        int o = 4 * size++;
        offsets[o] = nameStart;
        offsets[o + 1] = nameLength;
        offsets[o + 2] = valueStart;
        offsets[o + 3] = valueLength;
    }

    /** Number of field lines (a name sent twice counts twice). */
    public int size() {
        return size;
    }

    public String name(int index) {
        check(index);
        return Ascii.string(bytes, offsets[4 * index], offsets[4 * index + 1]);
    }

    public String value(int index) {
        check(index);
        return Ascii.string(bytes, offsets[4 * index + 2], offsets[4 * index + 3]);
    }

    /** Whether field {@code index} is named {@code name}, ignoring ASCII case; no allocation. */
    public boolean nameEquals(int index, String name) {
        check(index);
        return Ascii.equalsIgnoreCase(bytes, offsets[4 * index], offsets[4 * index + 1], name);
    }

    /** Index of the first field named {@code name} (ignoring case), or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < size; i++) {
            if (Ascii.equalsIgnoreCase(bytes, offsets[4 * i], offsets[4 * i + 1], name)) {
                return i;
            }
        }
        return -1;
    }

    public boolean contains(String name) {
        return indexOf(name) >= 0;
    }

    /** The first value of {@code name}, or null if absent. */
    public String get(String name) {
        int i = indexOf(name);
        return i < 0 ? null : value(i);
    }

    /** How many field lines are named {@code name}. */
    public int count(String name) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (nameEquals(i, name)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Whether any {@code name} field's comma-separated list (RFC 9110 §5.6.1) has an element equal
     * to {@code token}, ignoring case and optional whitespace; no allocation.
     */
    public boolean containsToken(String name, String token) {
        for (int i = 0; i < size; i++) {
            if (nameEquals(i, name) && listContains(offsets[4 * i + 2], offsets[4 * i + 3], token)) {
                return true;
            }
        }
        return false;
    }

    private boolean listContains(int start, int length, String token) {
        int end = start + length;
        int p = start;
        while (p <= end) {
            int comma = p;
            while (comma < end && Ascii.at(bytes, comma) != ',') {
                comma++;
            }
            int s = p;
            int e = comma;
            while (s < e && Ascii.isWhitespace(Ascii.at(bytes, s))) {
                s++;
            }
            while (e > s && Ascii.isWhitespace(Ascii.at(bytes, e - 1))) {
                e--;
            }
            if (Ascii.equalsIgnoreCase(bytes, s, e - s, token)) {
                return true;
            }
            p = comma + 1;
        }
        return false;
    }

    int valueStart(int index) {
        return offsets[4 * index + 2];
    }

    int valueLength(int index) {
        return offsets[4 * index + 3];
    }

    MemorySegment bytes() {
        return bytes;
    }

    private void check(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("header index " + index + "; size=" + size);
        }
    }
}
