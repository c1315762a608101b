package dev.weft.websocket.deflate;

import java.util.ArrayList;
import java.util.List;

/**
 * One extension of a {@code Sec-WebSocket-Extensions} header (RFC 6455 §9.1): a name and its
 * parameters in order, each with a value or none ({@code null}). Values may be quoted strings.
 */
public record ExtensionOffer(String name, List<Param> params) {

    public record Param(String name, String value) {
    }

    /**
     * Parses a header value into its offers, in order. A malformed extension (empty name, bad
     * quoting) is dropped, not fatal: the server simply does not accept it.
     */
    public static List<ExtensionOffer> parseHeader(String header) {
        List<ExtensionOffer> offers = new ArrayList<>();
        if (header == null) {
            return offers;
        }
        for (String part : splitOutsideQuotes(header, ',')) {
            ExtensionOffer offer = parseOne(part);
            if (offer != null) {
                offers.add(offer);
            }
        }
        return offers;
    }

    private static ExtensionOffer parseOne(String text) {
        List<String> pieces = splitOutsideQuotes(text, ';');
        String name = pieces.getFirst().trim();
        if (!isToken(name)) {
            return null;
        }
        List<Param> params = new ArrayList<>();
        for (int i = 1; i < pieces.size(); i++) {
            String p = pieces.get(i).trim();
            int eq = p.indexOf('=');
            String key = (eq < 0 ? p : p.substring(0, eq)).trim();
            String value = eq < 0 ? null : unquote(p.substring(eq + 1).trim());
            if (!isToken(key) || (eq >= 0 && (value == null || !isToken(value)))) {
                return null;
            }
            params.add(new Param(key.toLowerCase(java.util.Locale.ROOT), value));
        }
        return new ExtensionOffer(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(params));
    }

    /** A quoted value without its quotes (RFC 6455 §9.1: the unquoted value must be a token); null if malformed. */
    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1);
        }
        return v.contains("\"") ? null : v;
    }

    private static List<String> splitOutsideQuotes(String s, char separator) {
        List<String> out = new ArrayList<>();
        boolean isQuoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                isQuoted = !isQuoted;
            } else if (c == separator && !isQuoted) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }

    /** RFC 7230 token characters. */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
