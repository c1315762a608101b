package dev.weft.http;

import dev.weft.io.buffer.Buffer;
import java.lang.foreign.MemorySegment;

/**
 * A parsed request head (request line and header fields) over the retained head bytes; its body,
 * if any, follows as {@link RequestEvent.Content} events. Strings are made only by the getters
 * that return them. The request owns one reference to its head buffer: {@link #close()} it once
 * done (after which its getters fail).
 *
 * <p>Framing facts (body length, keep-alive, upgrade) were decided by the decoder from the
 * fields, following RFC 9112 §6 and §9.3, and are exposed as plain getters.
 */
public final class HttpRequest implements RequestEvent, AutoCloseable {

    private final Buffer head;
    private final MemorySegment bytes;
    private final int methodStart;
    private final int methodLength;
    private final int targetStart;
    private final int targetLength;
    private final HttpVersion version;
    private final HttpHeaders headers;
    private final Framing framing;
    /** Cached by the first call of target(); owner thread only. */
    private String target;

    HttpRequest(Buffer head, int methodStart, int methodLength, int targetStart, int targetLength,
                HttpVersion version, HttpHeaders headers, Framing framing) {
        this.head = head;
        this.bytes = head.segment();
        this.methodStart = methodStart;
        this.methodLength = methodLength;
        this.targetStart = targetStart;
        this.targetLength = targetLength;
        this.version = version;
        this.headers = headers;
        this.framing = framing;
    }

    /** The method token, case-sensitive (RFC 9110 §9.1); the common ones are constants, not copies. */
    public String method() {
        for (String known : KNOWN_METHODS) {
            if (methodIs(known)) {
                return known;
            }
        }
        return Ascii.string(bytes, methodStart, methodLength);
    }

    private static final String[] KNOWN_METHODS = {"GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH"};

    /** Case-sensitive comparison of the method with {@code method}; no allocation. */
    public boolean methodIs(String method) {
        if (method.length() != methodLength) {
            return false;
        }
        for (int i = 0; i < methodLength; i++) {
            if (Ascii.at(bytes, methodStart + i) != method.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The request-target exactly as sent (origin-form {@code /a/b?q}, absolute-form, or {@code *}). */
    public String target() {
        String t = target;
        if (t == null) {
            t = Ascii.string(bytes, targetStart, targetLength);
            target = t;
        }
        return t;
    }

    /** The target's path, still percent-encoded; for absolute-form, the part after the authority. */
    public String rawPath() {
        String t = target();
        int start = 0;
        int scheme = t.indexOf("://");
        if (scheme > 0 && t.charAt(0) != '/') {
            int slash = t.indexOf('/', scheme + 3);
            if (slash < 0) {
                return "/";
            }
            start = slash;
        }
        int q = t.indexOf('?', start);
        return q < 0 ? t.substring(start) : t.substring(start, q);
    }

    /** The query after {@code ?}, still percent-encoded, or {@code ""} when there is none. */
    public String rawQuery() {
        String t = target();
        int q = t.indexOf('?');
        return q < 0 ? "" : t.substring(q + 1);
    }

    public HttpVersion version() {
        return version;
    }

    public HttpHeaders headers() {
        return headers;
    }

    /** Content-Length, or -1 when the body is chunked; 0 when the request has no body. */
    public long contentLength() {
        return framing.contentLength();
    }

    public boolean isChunked() {
        return framing.isChunked();
    }

    public boolean hasBody() {
        return framing.isChunked() || framing.contentLength() > 0;
    }

    /**
     * Whether the client allows the connection to stay open after this exchange (RFC 9112 §9.3):
     * HTTP/1.1 unless {@code Connection: close}; HTTP/1.0 only with {@code Connection: keep-alive}.
     */
    public boolean isKeepAlive() {
        return framing.isKeepAlive();
    }

    /**
     * Whether the client asks to switch protocols (RFC 9110 §7.8): {@code Connection} lists
     * {@code upgrade} and an {@code Upgrade} field is present. A server that accepts takes over the
     * connection: the bytes after this request, left unread in the decoder's input, belong to it.
     */
    public boolean isUpgrade() {
        return framing.isUpgrade();
    }

    /** Whether the upgrade asked for is to {@code protocol} (e.g. {@code "websocket"}), ignoring case. */
    public boolean isUpgradeTo(String protocol) {
        return framing.isUpgrade() && headers.containsToken("upgrade", protocol);
    }

    /** Whether the client waits for {@code 100 Continue} before sending its body (RFC 9110 §10.1.1). */
    public boolean expectsContinue() {
        return framing.expectsContinue();
    }

    @Override
    public void close() {
        head.release();
    }

    @Override
    public String toString() {
        return "HttpRequest[" + method() + " " + target() + " " + version.text() + ", " + headers.size() + " fields]";
    }
}
