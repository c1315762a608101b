package dev.weft.http;

/**
 * How a request's message is delimited and what the connection does after it, decided once from
 * the header fields (RFC 9112 §6.3, §9.3; RFC 9110 §7.8, §10.1.1).
 *
 * @param contentLength body bytes, or -1 when chunked
 */
record Framing(long contentLength, boolean isChunked, boolean isKeepAlive, boolean isUpgrade,
               boolean expectsContinue) {

    /**
     * Applies RFC 9112 §6.3's rules in order: Transfer-Encoding with Content-Length is refused (a
     * smuggling vector); Transfer-Encoding in HTTP/1.0 is refused; the final coding must be
     * chunked (else the length is unknowable); no coding but chunked is implemented (501);
     * Content-Length lists must agree; a 1.1 request needs exactly one Host (§3.2).
     */
    static Framing decide(HttpVersion version, HttpHeaders h, long maxBodyBytes) {
        int hosts = h.count("host");
        if (version == HttpVersion.HTTP_1_1 && hosts == 0) {
            throw HttpParseException.badRequest("missing Host header");
        }
        if (hosts > 1) {
            throw HttpParseException.badRequest("multiple Host headers");
        }
        boolean hasTransferEncoding = h.contains("transfer-encoding");
        long contentLength = contentLength(h);
        if (hasTransferEncoding && contentLength >= 0) {
            throw HttpParseException.badRequest("both Content-Length and Transfer-Encoding");
        }
        boolean chunked = false;
        if (hasTransferEncoding) {
            if (version == HttpVersion.HTTP_1_0) {
                throw HttpParseException.badRequest("Transfer-Encoding in an HTTP/1.0 request");
            }
            checkTransferCodings(h);
            chunked = true;
        } else if (contentLength > maxBodyBytes) {
            throw new HttpParseException(413, "body larger than " + maxBodyBytes + " bytes");
        }
        boolean close = h.containsToken("connection", "close");
        boolean keepAlive = version == HttpVersion.HTTP_1_1 ? !close
                : !close && h.containsToken("connection", "keep-alive");
        boolean upgrade = h.containsToken("connection", "upgrade") && h.contains("upgrade");
        boolean expectContinue = version == HttpVersion.HTTP_1_1 && h.containsToken("expect", "100-continue");
        return new Framing(chunked ? -1 : Math.max(contentLength, 0), chunked, keepAlive, upgrade, expectContinue);
    }

    /** The agreed Content-Length of every field and list element, or -1 if none is sent. */
    private static long contentLength(HttpHeaders h) {
        long agreed = -1;
        for (int i = 0; i < h.size(); i++) {
            if (!h.nameEquals(i, "content-length")) {
                continue;
            }
            int p = h.valueStart(i);
            int end = p + h.valueLength(i);
            do {
                while (p < end && Ascii.isWhitespace(Ascii.at(h.bytes(), p))) {
                    p++;
                }
                long value = 0;
                int digits = 0;
                while (p < end && Ascii.at(h.bytes(), p) >= '0' && Ascii.at(h.bytes(), p) <= '9') {
                    if (++digits > 18) {
                        throw new HttpParseException(413, "Content-Length too large");
                    }
                    value = value * 10 + (Ascii.at(h.bytes(), p) - '0');
                    p++;
                }
                while (p < end && Ascii.isWhitespace(Ascii.at(h.bytes(), p))) {
                    p++;
                }
                if (digits == 0 || p < end && Ascii.at(h.bytes(), p) != ',') {
                    throw HttpParseException.badRequest("invalid Content-Length");
                }
                if (agreed >= 0 && agreed != value) {
                    throw HttpParseException.badRequest("conflicting Content-Length values");
                }
                agreed = value;
                p++; // past the comma, or past end
            } while (p < end);
        }
        return agreed;
    }

    private static void checkTransferCodings(HttpHeaders h) {
        // Last coding over all fields (they form one list, RFC 9110 §5.3) must be chunked, once.
        int chunkedCount = 0;
        boolean lastIsChunked = false;
        boolean other = false;
        for (int i = 0; i < h.size(); i++) {
            if (!h.nameEquals(i, "transfer-encoding")) {
                continue;
            }
            int p = h.valueStart(i);
            int end = p + h.valueLength(i);
            while (p <= end) {
                int comma = p;
                while (comma < end && Ascii.at(h.bytes(), comma) != ',') {
                    comma++;
                }
                int s = p;
                int e = comma;
                while (s < e && Ascii.isWhitespace(Ascii.at(h.bytes(), s))) {
                    s++;
                }
                while (e > s && Ascii.isWhitespace(Ascii.at(h.bytes(), e - 1))) {
                    e--;
                }
                if (e > s) {
                    lastIsChunked = Ascii.equalsIgnoreCase(h.bytes(), s, e - s, "chunked");
                    if (lastIsChunked) {
                        chunkedCount++;
                    } else {
                        other = true;
                    }
                }
                p = comma + 1;
            }
        }
        if (chunkedCount == 0 && !other) {
            throw HttpParseException.badRequest("empty Transfer-Encoding");
        }
        if (!lastIsChunked) {
            throw HttpParseException.badRequest("final transfer coding is not chunked");
        }
        if (chunkedCount > 1) {
            throw HttpParseException.badRequest("chunked applied more than once");
        }
        if (other) {
            throw new HttpParseException(501, "unsupported transfer coding");
        }
    }
}
