package dev.weft.websocket.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The head of the server's answer to the opening handshake: status line and fields, parsed from
 * bytes up to the empty line. Only what the client checks (RFC 6455 §4.1, items 1 to 6 of the
 * response checks) is exposed.
 *
 * @param fieldNames lower-cased field names, in order; {@code fieldValues} holds the values
 */
record HandshakeResponse(int status, String reason, List<String> fieldNames, List<String> fieldValues) {

    /** Where the head ends (just past CRLF CRLF) in {@code bytes[0, length)}, or -1 if not yet. */
    static int headEnd(byte[] bytes, int length) {
        for (int i = 3; i < length; i++) {
            if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    /** Parses {@code bytes[0, end)}; throws IllegalArgumentException naming what is malformed. */
    static HandshakeResponse parse(byte[] bytes, int end) {
        String head = new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            throw new IllegalArgumentException("malformed status line: " + lines[0]);
        }
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed status code: " + lines[0], e);
        }
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("malformed field line: " + lines[i]);
            }
            names.add(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT));
            values.add(lines[i].substring(colon + 1).trim());
        }
        return new HandshakeResponse(status, statusLine.length > 2 ? statusLine[2] : "", names, values);
    }

    /** Every value of {@code name} joined with ", ", or null if absent. */
    String get(String name) {
        String joined = null;
        for (int i = 0; i < fieldNames.size(); i++) {
            if (fieldNames.get(i).equals(name)) {
                joined = joined == null ? fieldValues.get(i) : joined + ", " + fieldValues.get(i);
            }
        }
        return joined;
    }

    /** Whether {@code name}'s comma-separated list contains {@code token}, ignoring case. */
    boolean hasToken(String name, String token) {
        String v = get(name);
        if (v == null) {
            return false;
        }
        for (String t : v.split(",")) {
            if (t.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }
}
