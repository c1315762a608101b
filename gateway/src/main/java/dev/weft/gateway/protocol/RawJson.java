package dev.weft.gateway.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An application payload ({@code data}, {@code info}) carried as JSON text, embedded
 * as-is in frames: the JSON protocol sends {@code "data":{"text":"hi"}}, not a string.
 * Holds exactly one JSON value with no raw newline, because a newline separates
 * messages inside a frame (newlines outside strings are whitespace, so dropping them
 * never changes the value; inside strings they are always escaped). Immutable.
 */
public final class RawJson {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final byte[] utf8;

    private RawJson(byte[] utf8) {
        this.utf8 = utf8;
    }

    /** Validates {@code json} as one JSON value and strips raw newlines. */
    public static RawJson of(String json) {
        return of(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Validates {@code utf8} as one JSON value and strips raw newlines. */
    public static RawJson of(byte[] utf8) {
        try (JsonParser p = JSON.createParser(utf8)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new IllegalArgumentException("empty JSON payload");
            }
            p.skipChildren();
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("JSON payload has more than one value");
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON payload: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new RawJson(stripNewlines(utf8));
    }

    /** For slices the decoder has already parsed: a single value from a single line. */
    static RawJson trusted(byte[] frame, int from, int to) {
        return new RawJson(Arrays.copyOfRange(frame, from, to));
    }

    private static byte[] stripNewlines(byte[] utf8) {
        int newlines = 0;
        for (byte b : utf8) {
            if (b == '\n') {
                newlines++;
            }
        }
        if (newlines == 0) {
            return utf8.clone();
        }
        byte[] out = new byte[utf8.length - newlines];
        int i = 0;
        for (byte b : utf8) {
            if (b != '\n') {
                out[i++] = b;
            }
        }
        return out;
    }

    /** The JSON text as UTF-8; a copy, since instances are shared between connections. */
    public byte[] toUtf8() {
        return utf8.clone();
    }

    int length() {
        return utf8.length;
    }

    byte[] unsafeBytes() {
        return utf8;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawJson r && Arrays.equals(utf8, r.utf8);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(utf8);
    }

    /** The JSON text. */
    @Override
    public String toString() {
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
