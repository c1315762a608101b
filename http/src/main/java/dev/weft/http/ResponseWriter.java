package dev.weft.http;

import dev.weft.io.buffer.Buffer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * Writes responses as bytes into a {@link Buffer}: the head with the framing fields it decides, and
 * body bytes, raw or as chunks. It never blocks and never allocates a buffer: if {@code out} is too
 * small it throws IndexOutOfBoundsException before writing anything of that call.
 *
 * <p>Decisions ({@link #writeHead}): a body of known length gets {@code Content-Length}; an unknown
 * length is chunked for an HTTP/1.1 request, and for HTTP/1.0 (which has no chunked coding) ends
 * with the connection. 1xx, 204 and 304 carry no framing fields. {@code Connection: close} is sent
 * when the connection will close; {@code Connection: keep-alive} when an HTTP/1.0 connection stays.
 *
 * <p>Thread roles: one writer per connection or per thread; not thread-safe ({@link HttpDate}).
 */
public final class ResponseWriter {

    /** Content length meaning "not known yet": the body follows as chunks. */
    public static final long STREAMED = -1;

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Null when no Date field is written. */
    private final HttpDate date;

    /** A writer that adds a {@code Date} field from {@code date}, or none when it is null. */
    public ResponseWriter(HttpDate date) {
        this.date = date;
    }

    /**
     * Writes the status line and fields. Returns whether the connection stays open after this
     * response: {@code keepAlive} (usually {@link HttpRequest#isKeepAlive()} and the server's own
     * wish) unless the body's framing forces a close.
     *
     * @param contentLength body bytes that will follow, or {@link #STREAMED} for chunks
     */
    public boolean writeHead(Buffer out, ResponseHead head, HttpVersion requestVersion, long contentLength,
                             boolean keepAlive) {
        EncodedHead encoded = encodeHead(head, requestVersion, contentLength, keepAlive);
        write(out, encoded.bytes());
        return encoded.staysOpen();
    }

    /** A head as bytes, and whether the connection stays open after its response. */
    public record EncodedHead(byte[] bytes, boolean staysOpen) {
    }

    /** {@link #writeHead}'s bytes without writing them, for a caller that must know the size first. */
    public EncodedHead encodeHead(ResponseHead head, HttpVersion requestVersion, long contentLength,
                                  boolean keepAlive) {
        boolean bodiless = HttpStatus.isBodiless(head.status());
        boolean chunked = !bodiless && contentLength == STREAMED && requestVersion == HttpVersion.HTTP_1_1;
        boolean closeDelimited = !bodiless && contentLength == STREAMED && !chunked;
        boolean stays = keepAlive && !closeDelimited;

        StringBuilder sb = new StringBuilder(128);
        sb.append("HTTP/1.1 ").append(head.status()).append(' ').append(head.reason()).append("\r\n");
        for (ResponseHead.Field f : head.fields()) {
            sb.append(f.name()).append(": ").append(f.value()).append("\r\n");
        }
        if (date != null) {
            sb.append("Date: ").append(date.current()).append("\r\n");
        }
        if (chunked) {
            sb.append("Transfer-Encoding: chunked\r\n");
        } else if (!bodiless && !closeDelimited) {
            sb.append("Content-Length: ").append(contentLength).append("\r\n");
        }
        if (!stays) {
            sb.append("Connection: close\r\n");
        } else if (requestVersion == HttpVersion.HTTP_1_0) {
            sb.append("Connection: keep-alive\r\n");
        }
        sb.append("\r\n");
        return new EncodedHead(sb.toString().getBytes(StandardCharsets.ISO_8859_1), stays);
    }

    /** Head and body in one call, for a body held in memory. */
    public boolean writeResponse(Buffer out, ResponseHead head, HttpVersion requestVersion, byte[] body,
                                 boolean keepAlive) {
        EncodedHead encoded = encodeHead(head, requestVersion, body.length, keepAlive);
        byte[] content = HttpStatus.isBodiless(head.status()) ? new byte[0] : body;
        requireWritable(out, encoded.bytes().length + content.length);
        write(out, encoded.bytes());
        write(out, content);
        return encoded.staysOpen();
    }

    /**
     * The answer to a {@link RequestEvent.Rejected}: the status, its reason as a text/plain body,
     * and {@code Connection: close} (the request stream cannot be trusted past the error).
     */
    public void writeRejection(Buffer out, RequestEvent.Rejected rejected) {
        ResponseHead head = ResponseHead.of(rejected.status()).with("Content-Type", "text/plain; charset=utf-8");
        writeResponse(out, head, HttpVersion.HTTP_1_1, (rejected.reason() + "\n").getBytes(StandardCharsets.UTF_8),
                false);
    }

    /** {@code 100 Continue}, for a request that {@link HttpRequest#expectsContinue()}. */
    public void writeContinue(Buffer out) {
        write(out, CONTINUE);
    }

    /** Raw body bytes (after a head with a Content-Length). */
    public void writeBody(Buffer out, MemorySegment bytes) {
        requireWritable(out, bytes.byteSize());
        MemorySegment.copy(bytes, 0, out.segment(), out.writeIndex(), bytes.byteSize());
        out.advanceWriteIndex(bytes.byteSize());
    }

    /** One chunk: hex size, CRLF, data, CRLF. An empty {@code data} writes nothing (it would end the body). */
    public void writeChunk(Buffer out, MemorySegment data) {
        long n = data.byteSize();
        if (n == 0) {
            return;
        }
        byte[] size = Long.toHexString(n).getBytes(StandardCharsets.US_ASCII);
        requireWritable(out, size.length + 2 + n + 2);
        write(out, size);
        write(out, CRLF);
        writeBody(out, data);
        write(out, CRLF);
    }

    /** The last chunk and an empty trailer section: the end of a chunked body. */
    public void writeLastChunk(Buffer out) {
        write(out, LAST_CHUNK);
    }

    private static void write(Buffer out, byte[] bytes) {
        requireWritable(out, bytes.length);
        MemorySegment.copy(bytes, 0, out.segment(), ValueLayout.JAVA_BYTE, out.writeIndex(), bytes.length);
        out.advanceWriteIndex(bytes.length);
    }

    private static void requireWritable(Buffer out, long bytes) {
        if (out.writableBytes() < bytes) {
            throw new IndexOutOfBoundsException("response needs " + bytes + " bytes; writable=" + out.writableBytes());
        }
    }
}
