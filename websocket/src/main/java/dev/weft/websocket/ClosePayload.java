package dev.weft.websocket;

import java.nio.charset.StandardCharsets;

/**
 * The body of a close frame (RFC 6455 §5.5.1): empty, or a 2-byte big-endian status code
 * followed by a UTF-8 reason, at most 125 bytes in all.
 *
 * @param code the status code, or {@link CloseCode#NO_STATUS_RECEIVED} for an empty body
 * @param reason the reason, "" if none
 */
public record ClosePayload(int code, String reason) implements ParsedClose {

    /** Reason bytes that fit a control frame after the 2-byte code. */
    public static final int MAX_REASON_BYTES = FrameLayout.MAX_CONTROL_PAYLOAD - 2;

    /**
     * Parses a received close body: length 1, or a code not valid on the wire
     * ({@link CloseCode#isValidOnWire}), is 1002; a reason that is not UTF-8 is 1007.
     */
    public static ParsedClose parse(byte[] body, int length) {
        if (length == 0) {
            return new ClosePayload(CloseCode.NO_STATUS_RECEIVED, "");
        }
        if (length == 1) {
            return Violation.protocolError("close payload of 1 byte");
        }
        int code = ((body[0] & 0xff) << 8) | (body[1] & 0xff);
        if (!CloseCode.isValidOnWire(code)) {
            return Violation.protocolError("invalid close code " + code);
        }
        Utf8Validator utf8 = new Utf8Validator();
        if (!utf8.update(body, 2, length - 2) || !utf8.isComplete()) {
            return Violation.invalidPayload("close reason is not UTF-8");
        }
        return new ClosePayload(code, new String(body, 2, length - 2, StandardCharsets.UTF_8));
    }

    /**
     * The body to send: code and reason, the reason cut at a code point boundary to fit
     * 123 bytes; empty for {@link CloseCode#NO_STATUS_RECEIVED}. Throws for a code that may
     * not be sent.
     */
    public byte[] encode() {
        if (code == CloseCode.NO_STATUS_RECEIVED) {
            return new byte[0];
        }
        if (!CloseCode.isValidOnWire(code)) {
            throw new IllegalArgumentException("close code " + code + " may not be sent");
        }
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(text.length, MAX_REASON_BYTES);
        while (n < text.length && n > 0 && (text[n] & 0xc0) == 0x80) {
            n--; // do not cut inside a code point
        }
        byte[] body = new byte[2 + n];
        body[0] = (byte) (code >>> 8);
        body[1] = (byte) code;
        System.arraycopy(text, 0, body, 2, n);
        return body;
    }

    /** The close to send for a violation. */
    public static ClosePayload of(Violation v) {
        return new ClosePayload(v.closeCode(), v.reason());
    }
}
