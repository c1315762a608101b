package dev.weft.websocket;

/**
 * A protocol violation found while decoding: the close code to send and a short reason
 * (at most 123 UTF-8 bytes, so it fits a close frame). The codec returns these; it never
 * throws for bad input.
 */
public record Violation(int closeCode, String reason) implements Decoded, ParsedClose, Assembled {

    public static Violation protocolError(String reason) {
        return new Violation(CloseCode.PROTOCOL_ERROR, reason);
    }

    public static Violation invalidPayload(String reason) {
        return new Violation(CloseCode.INVALID_PAYLOAD_DATA, reason);
    }

    public static Violation tooBig(String reason) {
        return new Violation(CloseCode.MESSAGE_TOO_BIG, reason);
    }
}
