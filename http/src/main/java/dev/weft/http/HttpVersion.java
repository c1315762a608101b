package dev.weft.http;

/** The request versions the decoder accepts (RFC 9112 §2.3); any other major version is 505. */
public enum HttpVersion {
    HTTP_1_0("HTTP/1.0"),
    HTTP_1_1("HTTP/1.1");

    private final String text;

    HttpVersion(String text) {
        this.text = text;
    }

    /** The protocol-version text as on the wire, e.g. {@code HTTP/1.1}. */
    public String text() {
        return text;
    }
}
