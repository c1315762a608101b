package dev.weft.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Percent-decoding (RFC 3986 §2.1) of paths and query strings, as UTF-8, on top of the JDK's
 * {@link URLDecoder}. A malformed escape is an {@link HttpParseException} with status 400.
 */
public final class PercentDecoding {

    private PercentDecoding() {
    }

    /** Decodes a path segment: {@code %XX} escapes only; {@code +} stays a plus. */
    public static String decodePathSegment(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        // URLDecoder is form decoding (+ is space); escaping + first keeps it literal.
        return decode(raw.replace("+", "%2B"), "path");
    }

    /**
     * Parses {@code application/x-www-form-urlencoded} query parameters: {@code &}-separated
     * {@code name=value} pairs, {@code +} as space, in order; a name without {@code =} has value "".
     */
    public static Map<String, List<String>> parseQuery(String rawQuery) {
        if (rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), "query");
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), "query");
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        params.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return Collections.unmodifiableMap(params);
    }

    private static String decode(String s, String where) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw HttpParseException.badRequest("malformed percent-encoding in " + where);
        }
    }
}
