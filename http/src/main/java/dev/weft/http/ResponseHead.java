package dev.weft.http;

import java.util.ArrayList;
import java.util.List;

/**
 * A response's status and fields, immutable. Framing fields ({@code Content-Length},
 * {@code Transfer-Encoding}, {@code Connection}, {@code Date}) are not accepted here: the
 * {@link ResponseWriter} writes them from its own decisions, so they cannot contradict the body.
 */
public record ResponseHead(int status, String reason, List<Field> fields) {

    /** One field line; name a token, value without CR, LF or other CTL but HTAB. */
    public record Field(String name, String value) {
        public Field {
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty field name");
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c > 0xFF || !Ascii.isTchar((byte) c)) {
                    throw new IllegalArgumentException("invalid character in field name " + name);
                }
            }
            checkText(value, "value of " + name);
        }
    }

    public ResponseHead {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status must have three digits, was " + status);
        }
        checkText(reason, "reason");
        fields = List.copyOf(fields);
    }

    public static ResponseHead of(int status) {
        return new ResponseHead(status, HttpStatus.reasonPhrase(status), List.of());
    }

    /** A copy with {@code name: value} added; refuses the framing fields the writer owns. */
    public ResponseHead with(String name, String value) {
        for (String owned : WRITER_OWNED) {
            if (owned.equalsIgnoreCase(name)) {
                throw new IllegalArgumentException(name + " is written by ResponseWriter from its framing decision");
            }
        }
        List<Field> more = new ArrayList<>(fields);
        more.add(new Field(name, value));
        return new ResponseHead(status, reason, more);
    }

    private static final String[] WRITER_OWNED = {"content-length", "transfer-encoding", "connection", "date"};

    private static void checkText(String text, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0xFF || !Ascii.isFieldValueByte((byte) c)) {
                throw new IllegalArgumentException("invalid character (code " + (int) c + ") in " + what);
            }
        }
    }
}
