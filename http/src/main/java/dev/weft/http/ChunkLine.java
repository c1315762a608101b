package dev.weft.http;

/**
 * The chunk-size line of RFC 9112 §7.1, one byte at a time:
 * {@code chunk-size [ BWS ";" chunk-ext ] CRLF}. Extensions are checked for framing (no CTL, bounded
 * length) and ignored.
 *
 * <p>Thread roles: owned by the decoding thread.
 */
final class ChunkLine {

    /** Owner thread only, as every field below. Hex digits so far. */
    private int digits;
    /** Hex digits after the leading zeros: the ones that can overflow. */
    private int significantDigits;
    private long size;
    /** Whitespace after the size was seen: only more whitespace or ';' may follow. */
    private boolean sizeEnded;
    private boolean inExtension;
    private boolean sawCr;
    private int lineBytes;

    void reset() {
        digits = 0;
        significantDigits = 0;
        size = 0;
        sizeEnded = false;
        inExtension = false;
        sawCr = false;
        lineBytes = 0;
    }

    long size() {
        return size;
    }

    /** Takes the next byte; true when it was the LF that ends a valid line. */
    boolean accept(byte b) {
        if (++lineBytes > RequestDecoder.MAX_CHUNK_LINE_BYTES) {
            throw HttpParseException.badRequest("chunk size line longer than " + RequestDecoder.MAX_CHUNK_LINE_BYTES
                    + " bytes");
        }
        if (sawCr) {
            if (b != Ascii.LF) {
                throw HttpParseException.badRequest("bare CR in chunk size line");
            }
            return true;
        }
        if (b == Ascii.CR) {
            if (digits == 0) {
                throw HttpParseException.badRequest("missing chunk size");
            }
            sawCr = true;
        } else if (b == Ascii.LF) {
            throw HttpParseException.badRequest("bare LF in chunk size line");
        } else if (inExtension) {
            if (!Ascii.isFieldValueByte(b)) {
                throw HttpParseException.badRequest("invalid character in chunk extension");
            }
        } else if (b == ';' && digits > 0) {
            inExtension = true;
        } else if (Ascii.isWhitespace(b) && digits > 0) {
            sizeEnded = true;
        } else {
            int hex = Ascii.hexValue(b);
            if (hex < 0 || sizeEnded) {
                throw HttpParseException.badRequest("invalid chunk size");
            }
            digits++;
            if ((size != 0 || hex != 0) && ++significantDigits > 15) {
                throw HttpParseException.badRequest("chunk size too large");
            }
            size = size << 4 | hex;
        }
        return false;
    }
}
