package dev.weft.websocket;

/**
 * The RFC 6455 §5.2 frame header, as named constants. No other class holds an opcode or a
 * header bit literal.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-------+-+-------------+-------------------------------+
 * |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
 * |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
 * |N|V|V|V|       |S|             |   (if payload len==126/127)   |
 * | |1|2|3|       |K|             |                               |
 * +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
 * |     Extended payload length continued, if payload len == 127  |
 * + - - - - - - - - - - - - - - - +-------------------------------+
 * |                               |Masking-key, if MASK set to 1  |
 * +-------------------------------+-------------------------------+
 * | Masking-key (continued)       |          Payload Data         |
 * +-------------------------------- - - - - - - - - - - - - - - - +
 * </pre>
 * Multi-byte lengths are big-endian. https://www.rfc-editor.org/rfc/rfc6455#section-5.2
 */
public final class FrameLayout {

    /** First byte. */
    public static final int FIN = 0x80;
    public static final int RSV1 = 0x40;
    public static final int RSV2 = 0x20;
    public static final int RSV3 = 0x10;
    public static final int OPCODE_MASK = 0x0f;
    /** Opcodes with this bit set are control frames (§5.5). */
    public static final int OPCODE_CONTROL_BIT = 0x08;

    /** Second byte. */
    public static final int MASK = 0x80;
    public static final int LENGTH_MASK = 0x7f;
    /** 7-bit length values that announce an extended length. */
    public static final int LENGTH_16 = 126;
    public static final int LENGTH_64 = 127;
    /** Bytes of each extended length field. */
    public static final int LENGTH_16_BYTES = 2;
    public static final int LENGTH_64_BYTES = 8;
    /** Largest length the 16-bit field holds; longer payloads need the 64-bit field. */
    public static final int MAX_LENGTH_16 = 0xffff;

    public static final int OPCODE_CONTINUATION = 0x0;
    public static final int OPCODE_TEXT = 0x1;
    public static final int OPCODE_BINARY = 0x2;
    public static final int OPCODE_CLOSE = 0x8;
    public static final int OPCODE_PING = 0x9;
    public static final int OPCODE_PONG = 0xa;

    /** §5.5: control frames carry at most 125 payload bytes. */
    public static final int MAX_CONTROL_PAYLOAD = 125;
    public static final int MASK_KEY_BYTES = 4;
    public static final int MIN_HEADER_BYTES = 2;
    public static final int MAX_HEADER_BYTES = 14;

    private FrameLayout() {
    }

    public static boolean isControl(int opcode) {
        return (opcode & OPCODE_CONTROL_BIT) != 0;
    }

    public static boolean isKnown(int opcode) {
        return switch (opcode) {
            case OPCODE_CONTINUATION, OPCODE_TEXT, OPCODE_BINARY, OPCODE_CLOSE, OPCODE_PING, OPCODE_PONG -> true;
            default -> false;
        };
    }

    /** Header size for a payload of {@code length} bytes, masked or not. */
    public static int headerBytes(long length, boolean masked) {
        int base = MIN_HEADER_BYTES + (length < LENGTH_16 ? 0 : length <= MAX_LENGTH_16 ? LENGTH_16_BYTES : LENGTH_64_BYTES);
        return masked ? base + MASK_KEY_BYTES : base;
    }
}
