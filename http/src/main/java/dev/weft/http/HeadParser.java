package dev.weft.http;

import java.lang.foreign.MemorySegment;

/**
 * Parses one complete line of a request head (the request line, then field lines) in place, into
 * offsets; one RFC 9112 rule per check, each with its own reason. The decoder hands it lines
 * {@code [start, end)} without the CRLF, already checked for bare CR and LF.
 *
 * <p>Thread roles: owned by the decoding thread; reset per request.
 */
final class HeadParser {

    /** Decoding thread only, as every field here: written by parseRequestLine, read by completeHead. */
    int methodStart;
    /** Written by parseRequestLine. */
    int methodLength;
    /** Written by parseRequestLine. */
    int targetStart;
    /** Written by parseRequestLine. */
    int targetLength;
    /** Written by parseRequestLine; null until then. */
    HttpVersion version;
    /** The current request's fields; a new instance per request (the request keeps it). */
    HttpHeaders headers;

    void reset() {
        headers = new HttpHeaders(null);
        version = null;
    }

    /**
     * {@code method SP request-target SP HTTP-version} (RFC 9112 §3): exactly single spaces, a
     * token method, a target of visible ASCII, {@code HTTP/} DIGIT {@code .} DIGIT.
     */
    void parseRequestLine(MemorySegment s, int start, int end) {
        int p = start;
        while (p < end && Ascii.isTchar(Ascii.at(s, p))) {
            p++;
        }
        if (p == start) {
            throw HttpParseException.badRequest("invalid method token");
        }
        if (p == end || Ascii.at(s, p) != Ascii.SP) {
            throw HttpParseException.badRequest(p == end ? "missing request target" : "invalid method token");
        }
        methodStart = start;
        methodLength = p - start;
        int t = ++p;
        while (p < end && Ascii.isTargetByte(Ascii.at(s, p))) {
            p++;
        }
        if (p == t) {
            throw HttpParseException.badRequest("missing request target");
        }
        if (p == end) {
            throw HttpParseException.badRequest("missing HTTP version");
        }
        if (Ascii.at(s, p) != Ascii.SP) {
            throw HttpParseException.badRequest("invalid character in request target");
        }
        targetStart = t;
        targetLength = p - t;
        version = parseVersion(s, p + 1, end);
    }

    private static HttpVersion parseVersion(MemorySegment s, int start, int end) {
        if (end - start != 8 || !Ascii.equalsIgnoreCase(s, start, 5, "HTTP/")
                || Ascii.at(s, start) != 'H' || Ascii.at(s, start + 1) != 'T' || Ascii.at(s, start + 2) != 'T'
                || Ascii.at(s, start + 3) != 'P' || Ascii.at(s, start + 6) != '.'
                || !isDigit(Ascii.at(s, start + 5)) || !isDigit(Ascii.at(s, start + 7))) {
            throw HttpParseException.badRequest("invalid HTTP version");
        }
        int major = Ascii.at(s, start + 5) - '0';
        int minor = Ascii.at(s, start + 7) - '0';
        if (major != 1) {
            throw new HttpParseException(505, "HTTP/" + major + "." + minor + " not supported");
        }
        // RFC 9110 §2.5: a higher 1.x minor is answered as the highest 1.x we implement.
        return minor == 0 ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /**
     * {@code field-name ":" OWS field-value OWS} (RFC 9112 §5): a leading SP/HTAB is obs-fold
     * (§5.2, refused), whitespace before the colon is refused (§5.1), the name is a token, the
     * value has no CTL but HTAB.
     */
    void parseFieldLine(MemorySegment s, int start, int end) {
        if (Ascii.isWhitespace(Ascii.at(s, start))) {
            throw HttpParseException.badRequest("obsolete line folding");
        }
        int p = start;
        while (p < end && Ascii.isTchar(Ascii.at(s, p))) {
            p++;
        }
        if (p == end) {
            throw HttpParseException.badRequest("header field without colon");
        }
        byte stop = Ascii.at(s, p);
        if (stop != ':') {
            throw HttpParseException.badRequest(Ascii.isWhitespace(stop)
                    ? "whitespace before colon in header field" : "invalid character in header field name");
        }
        if (p == start) {
            throw HttpParseException.badRequest("empty header field name");
        }
        int nameLength = p - start;
        int v = p + 1;
        int e = end;
        while (v < e && Ascii.isWhitespace(Ascii.at(s, v))) {
            v++;
        }
        while (e > v && Ascii.isWhitespace(Ascii.at(s, e - 1))) {
            e--;
        }
        for (int i = v; i < e; i++) {
            if (!Ascii.isFieldValueByte(Ascii.at(s, i))) {
                throw HttpParseException.badRequest("invalid character in header field value");
            }
        }
        headers.add(start, nameLength, v, e - v);
    }
}
