package dev.weft.http;

/**
 * A request the decoder refuses: the status to answer with (4xx, or 501/505) and a short reason
 * naming the rule broken. Carries no stack trace: it is a verdict on the peer's bytes, not a bug.
 */
public final class HttpParseException extends RuntimeException {

    private final int status;

    public HttpParseException(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return getMessage();
    }

    static HttpParseException badRequest(String reason) {
        return new HttpParseException(400, reason);
    }
}
