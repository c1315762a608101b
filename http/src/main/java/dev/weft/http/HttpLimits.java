package dev.weft.http;

/**
 * Size limits the request decoder enforces, each answered with its own status:
 * request line ({@code 414} when the target is what overflowed, else {@code 400}), header section
 * bytes and field count ({@code 431}), body bytes ({@code 413}).
 *
 * @param maxRequestLineBytes request line without its CRLF; default 8 KiB
 * @param maxHeaderBytes      all field lines with their CRLFs (trailers count too); default 64 KiB
 * @param maxHeaderFields     field lines in the header section; default 100
 * @param maxBodyBytes        decoded body bytes (Content-Length or sum of chunk sizes); default 1 MiB
 */
public record HttpLimits(int maxRequestLineBytes, int maxHeaderBytes, int maxHeaderFields, long maxBodyBytes) {

    public static final int DEFAULT_MAX_REQUEST_LINE_BYTES = 8 * 1024;
    public static final int DEFAULT_MAX_HEADER_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_HEADER_FIELDS = 100;
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    public HttpLimits {
        if (maxRequestLineBytes < 16) {
            throw new IllegalArgumentException("maxRequestLineBytes must be >= 16, was " + maxRequestLineBytes);
        }
        if (maxHeaderBytes < 1) {
            throw new IllegalArgumentException("maxHeaderBytes must be >= 1, was " + maxHeaderBytes);
        }
        if (maxHeaderFields < 1) {
            throw new IllegalArgumentException("maxHeaderFields must be >= 1, was " + maxHeaderFields);
        }
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 0, was " + maxBodyBytes);
        }
    }

    public static HttpLimits defaults() {
        return new HttpLimits(DEFAULT_MAX_REQUEST_LINE_BYTES, DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_HEADER_FIELDS,
                DEFAULT_MAX_BODY_BYTES);
    }

    public HttpLimits withMaxRequestLineBytes(int bytes) {
        return new HttpLimits(bytes, maxHeaderBytes, maxHeaderFields, maxBodyBytes);
    }

    public HttpLimits withMaxHeaderBytes(int bytes) {
        return new HttpLimits(maxRequestLineBytes, bytes, maxHeaderFields, maxBodyBytes);
    }

    public HttpLimits withMaxHeaderFields(int fields) {
        return new HttpLimits(maxRequestLineBytes, maxHeaderBytes, fields, maxBodyBytes);
    }

    public HttpLimits withMaxBodyBytes(long bytes) {
        return new HttpLimits(maxRequestLineBytes, maxHeaderBytes, maxHeaderFields, bytes);
    }
}
