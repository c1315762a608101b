package dev.weft.http;

import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import java.lang.foreign.MemorySegment;

/**
 * Incremental HTTP/1.1 request decoder: bytes in, {@link RequestEvent}s out, resumable at any byte
 * boundary. The states and limits are described in {@code package-info.java}; each state has one
 * method here, which returns an event or null to go on with the next state.
 *
 * <p>Input: {@link #decode(Buffer)} reads {@code in} from its read index and advances it past what
 * it consumed. Bytes after the end of a request are left unread, so the caller decodes pipelined
 * requests by calling again, and an accepted upgrade takes the rest of {@code in} as is.
 *
 * <p>Memory: the head (request line and fields) is copied into one pooled buffer of this decoder,
 * grown by doubling up to the limits, and handed to the {@link HttpRequest}, which owns it from
 * then on. Body bytes are not copied: each {@link RequestEvent.Content} is a slice of {@code in}
 * holding one reference. {@link #close()} releases a half-read head.
 *
 * <p>Thread roles: one decoder per connection, used by one thread at a time.
 */
public final class RequestDecoder implements AutoCloseable {

    private static final int INITIAL_HEAD_BYTES = 1024;
    /** A chunk-size line with its extensions (which we ignore) may not exceed this. */
    static final int MAX_CHUNK_LINE_BYTES = 4096;
    private static final RequestEvent NEED_MORE = RequestEvent.NeedMoreData.INSTANCE;

    private enum State {
        REQUEST_LINE, HEADERS, BODY_FIXED, CHUNK_SIZE, CHUNK_DATA, CHUNK_DATA_CRLF, TRAILERS, MESSAGE_END,
        FAILED, CLOSED
    }

    private final BufferPool pool;
    private final HttpLimits limits;
    private final HeadParser parser = new HeadParser();

    /** Owner thread only, as every field below. The state of the machine (package-info, states 1-9). */
    private State state = State.REQUEST_LINE;
    /** The head being accumulated; null between requests (the finished request owns it). */
    private Buffer head;
    /** Bytes of the head written so far. */
    private int headWrite;
    /** Offset in the head of the line being read. */
    private int lineStart;
    /** Field-line bytes so far, CRLFs included (header section, then trailer section). */
    private int sectionBytes;
    /** Field lines so far in the header section. */
    private int fieldCount;
    /** Bytes left in the Content-Length body or in the current chunk. */
    private long remaining;
    /** Chunked body bytes so far, against maxBodyBytes. */
    private long bodyBytes;
    private final ChunkLine chunkLine = new ChunkLine();
    /** CHUNK_DATA_CRLF and TRAILERS: the CR of a CRLF was seen. */
    private boolean sawCr;
    /** TRAILERS: bytes of the current trailer line. */
    private int trailerLineBytes;
    /** Set once in FAILED; returned again by every later call. */
    private RequestEvent.Rejected rejected;

    public RequestDecoder(BufferPool pool, HttpLimits limits) {
        this.pool = pool;
        this.limits = limits;
    }

    /** Consumes bytes of {@code in} until it has an event or the bytes run out. */
    public RequestEvent decode(Buffer in) {
        try {
            RequestEvent event;
            do {
                event = step(in);
            } while (event == null);
            return event;
        } catch (HttpParseException e) {
            return fail(e);
        }
    }

    private RequestEvent step(Buffer in) {
        return switch (state) {
            case REQUEST_LINE -> readRequestLine(in);
            case HEADERS -> readFieldLine(in);
            case BODY_FIXED -> readFixedBody(in);
            case CHUNK_SIZE -> readChunkSize(in);
            case CHUNK_DATA -> readChunkData(in);
            case CHUNK_DATA_CRLF -> readChunkDataCrlf(in);
            case TRAILERS -> readTrailers(in);
            case MESSAGE_END -> endMessage();
            case FAILED -> rejected;
            case CLOSED -> throw new IllegalStateException("decode() after close()");
        };
    }

    /** State 1. Empty lines before a request line are skipped (RFC 9112 §2.2). */
    private RequestEvent readRequestLine(Buffer in) {
        if (in.readableBytes() == 0) {
            return NEED_MORE;
        }
        int end = readLine(in, limits.maxRequestLineBytes() + 2);
        if (end == NEED_LINE) {
            return NEED_MORE;
        }
        if (end == LINE_TOO_LONG) {
            throw requestLineTooLong();
        }
        if (end == lineStart) {
            headWrite = 0;
            lineStart = 0;
            return null;
        }
        parser.reset();
        parser.parseRequestLine(head.segment(), lineStart, end);
        lineStart = headWrite;
        state = State.HEADERS;
        return null;
    }

    /** State 2. Each field line is checked as it completes; the empty line ends the head. */
    private RequestEvent readFieldLine(Buffer in) {
        int end = readLine(in, Math.max(2, limits.maxHeaderBytes() - sectionBytes));
        if (end == NEED_LINE) {
            return NEED_MORE;
        }
        if (end == LINE_TOO_LONG) {
            throw new HttpParseException(431, "header section larger than " + limits.maxHeaderBytes() + " bytes");
        }
        if (end == lineStart) {
            return completeHead();
        }
        if (fieldCount == 0 && Ascii.isWhitespace(Ascii.at(head.segment(), lineStart))) {
            // RFC 9112 §2.2: reject, or the line could be taken as part of the request line.
            throw HttpParseException.badRequest("whitespace before the first header field");
        }
        if (++fieldCount > limits.maxHeaderFields()) {
            throw new HttpParseException(431, "more than " + limits.maxHeaderFields() + " header fields");
        }
        sectionBytes += headWrite - lineStart;
        parser.parseFieldLine(head.segment(), lineStart, end);
        lineStart = headWrite;
        return null;
    }

    private HttpRequest completeHead() {
        HttpHeaders headers = parser.headers;
        headers.attach(head.segment());
        Framing framing = Framing.decide(parser.version, headers, limits.maxBodyBytes());
        HttpRequest request = new HttpRequest(head, parser.methodStart, parser.methodLength, parser.targetStart,
                parser.targetLength, parser.version, headers, framing);
        head = null;
        headWrite = 0;
        lineStart = 0;
        sectionBytes = 0;
        fieldCount = 0;
        if (framing.isChunked()) {
            bodyBytes = 0;
            chunkLine.reset();
            state = State.CHUNK_SIZE;
        } else if (framing.contentLength() > 0) {
            remaining = framing.contentLength();
            state = State.BODY_FIXED;
        } else {
            state = State.MESSAGE_END;
        }
        return request;
    }

    /** State 3. */
    private RequestEvent readFixedBody(Buffer in) {
        if (remaining == 0) {
            return endMessage();
        }
        long n = Math.min(remaining, in.readableBytes());
        if (n == 0) {
            return NEED_MORE;
        }
        remaining -= n;
        return new RequestEvent.Content(take(in, n));
    }

    /** State 4. */
    private RequestEvent readChunkSize(Buffer in) {
        MemorySegment s = in.segment();
        long r = in.readIndex();
        long w = in.writeIndex();
        while (r < w) {
            boolean done = chunkLine.accept(Ascii.at(s, r++));
            if (done) {
                in.setIndexes(r, w);
                long size = chunkLine.size();
                if (bodyBytes + size > limits.maxBodyBytes()) {
                    throw new HttpParseException(413, "body larger than " + limits.maxBodyBytes() + " bytes");
                }
                chunkLine.reset();
                if (size == 0) {
                    sawCr = false;
                    trailerLineBytes = 0;
                    sectionBytes = 0;
                    state = State.TRAILERS;
                } else {
                    remaining = size;
                    state = State.CHUNK_DATA;
                }
                return null;
            }
        }
        in.setIndexes(r, w);
        return NEED_MORE;
    }

    /** State 5. */
    private RequestEvent readChunkData(Buffer in) {
        if (remaining == 0) {
            sawCr = false;
            state = State.CHUNK_DATA_CRLF;
            return null;
        }
        long n = Math.min(remaining, in.readableBytes());
        if (n == 0) {
            return NEED_MORE;
        }
        remaining -= n;
        bodyBytes += n;
        return new RequestEvent.Content(take(in, n));
    }

    /** State 6. The CRLF that closes every chunk's data (RFC 9112 §7.1). */
    private RequestEvent readChunkDataCrlf(Buffer in) {
        while (in.readableBytes() > 0) {
            byte b = in.readByte();
            if (!sawCr && b == Ascii.CR) {
                sawCr = true;
            } else if (sawCr && b == Ascii.LF) {
                chunkLine.reset();
                state = State.CHUNK_SIZE;
                return null;
            } else {
                throw HttpParseException.badRequest("missing CRLF after chunk data");
            }
        }
        return NEED_MORE;
    }

    /** State 7. Trailer fields are read for framing only and dropped (RFC 9112 §7.1.2 allows it). */
    private RequestEvent readTrailers(Buffer in) {
        while (in.readableBytes() > 0) {
            byte b = in.readByte();
            trailerLineBytes++;
            if (++sectionBytes > limits.maxHeaderBytes() + 2) {
                throw new HttpParseException(431, "trailer section larger than " + limits.maxHeaderBytes() + " bytes");
            }
            if (sawCr) {
                if (b != Ascii.LF) {
                    throw HttpParseException.badRequest("bare CR in trailer section");
                }
                if (trailerLineBytes == 2) {
                    return endMessage();
                }
                sawCr = false;
                trailerLineBytes = 0;
            } else if (b == Ascii.CR) {
                sawCr = true;
            } else if (b == Ascii.LF) {
                throw HttpParseException.badRequest("bare LF in trailer section");
            } else if (b == 0) {
                throw HttpParseException.badRequest("NUL in trailer section");
            }
        }
        return NEED_MORE;
    }

    /** State 8: the request is complete; the next byte starts a new one at state 1. */
    private RequestEvent endMessage() {
        state = State.REQUEST_LINE;
        return RequestEvent.End.INSTANCE;
    }

    private RequestEvent fail(HttpParseException e) {
        releaseHead();
        rejected = new RequestEvent.Rejected(e.status(), e.reason());
        state = State.FAILED;
        return rejected;
    }

    /** Releases a half-read head; later calls of decode() throw IllegalStateException. Idempotent. */
    @Override
    public void close() {
        releaseHead();
        state = State.CLOSED;
    }

    private void releaseHead() {
        if (head != null) {
            head.release();
            head = null;
        }
    }

    private static Buffer take(Buffer in, long n) {
        Buffer part = in.slice(in.readIndex(), n).retain();
        in.advanceReadIndex(n);
        return part;
    }

    private static final int NEED_LINE = -1;
    private static final int LINE_TOO_LONG = -2;

    /**
     * Copies input through the next LF into the head, at most {@code maxLineBytes} for this line
     * (CRLF included). Returns the line's end (the offset of its CR), NEED_LINE when the input ran
     * out first, or LINE_TOO_LONG. A line must end in CRLF and hold no other CR: bare LF and bare
     * CR are refused (RFC 9112 §2.2 allows either; refusing leaves no room for smuggling).
     */
    private int readLine(Buffer in, int maxLineBytes) {
        MemorySegment src = in.segment();
        long r = in.readIndex();
        long scanEnd = Math.min(in.writeIndex(), r + (maxLineBytes - (headWrite - lineStart)));
        long lf = -1;
        for (long i = r; i < scanEnd; i++) {
            if (Ascii.at(src, i) == Ascii.LF) {
                lf = i;
                break;
            }
        }
        int n = (int) ((lf >= 0 ? lf + 1 : scanEnd) - r);
        ensureHead(headWrite + n);
        MemorySegment.copy(src, r, head.segment(), headWrite, n);
        in.advanceReadIndex(n);
        headWrite += n;
        if (lf < 0) {
            return headWrite - lineStart >= maxLineBytes ? LINE_TOO_LONG : NEED_LINE;
        }
        MemorySegment h = head.segment();
        int end = headWrite - 2;
        if (end < lineStart || Ascii.at(h, end) != Ascii.CR) {
            throw HttpParseException.badRequest("bare LF line terminator");
        }
        for (int i = lineStart; i < end; i++) {
            if (Ascii.at(h, i) == Ascii.CR) {
                throw HttpParseException.badRequest("bare CR in line");
            }
        }
        return end;
    }

    private void ensureHead(int bytes) {
        if (head == null) {
            head = pool.allocate(Math.max(INITIAL_HEAD_BYTES, bytes));
        } else if (bytes > head.capacity()) {
            // Never beyond what the limits let a head reach: request line, fields, and their CRLFs.
            long most = limits.maxRequestLineBytes() + 2L + limits.maxHeaderBytes() + 2L;
            Buffer bigger = pool.allocate(Math.max(bytes, Math.min(2 * head.capacity(), most)));
            MemorySegment.copy(head.segment(), 0, bigger.segment(), 0, headWrite);
            head.release();
            head = bigger;
        }
    }

    /**
     * 414 when a method token and its space parsed and the target alone is too long for the line
     * (with the shortest version, {@code " HTTP/1.1"}), else 400.
     */
    private HttpParseException requestLineTooLong() {
        MemorySegment h = head.segment();
        int p = lineStart;
        while (p < headWrite && Ascii.isTchar(Ascii.at(h, p))) {
            p++;
        }
        boolean inTarget = false;
        if (p > lineStart && p < headWrite && Ascii.at(h, p) == Ascii.SP) {
            int t = p + 1;
            while (t < headWrite && Ascii.isTargetByte(Ascii.at(h, t))) {
                t++;
            }
            inTarget = t - lineStart + " HTTP/1.1".length() > limits.maxRequestLineBytes();
        }
        return inTarget
                ? new HttpParseException(414, "request target longer than " + limits.maxRequestLineBytes() + " bytes")
                : HttpParseException.badRequest("request line longer than " + limits.maxRequestLineBytes() + " bytes");
    }
}
