package dev.weft.websocket;

/**
 * Close status codes of RFC 6455 §7.4 and the IANA registry, and the rule for which codes may
 * appear on the wire.
 *
 * <p>Valid in a received close frame (§7.4.1, §7.4.2): 1000-1003, 1007-1011, the registered
 * 1012-1014, and 3000-4999 (libraries, frameworks, applications). Invalid: below 1000,
 * 1004 (reserved), 1005 and 1006 (never sent: they mean "no code" and "abnormal closure"),
 * 1015 (TLS failure, never sent), 1016-2999 (reserved for future RFCs), 5000 and up.
 */
public final class CloseCode {

    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int UNSUPPORTED_DATA = 1003;
    /** Never on the wire: reported locally when a close frame had no payload. */
    public static final int NO_STATUS_RECEIVED = 1005;
    /** Never on the wire: reported locally when the connection dropped without a close frame. */
    public static final int ABNORMAL_CLOSURE = 1006;
    public static final int INVALID_PAYLOAD_DATA = 1007;
    public static final int POLICY_VIOLATION = 1008;
    public static final int MESSAGE_TOO_BIG = 1009;
    public static final int MANDATORY_EXTENSION = 1010;
    public static final int INTERNAL_ERROR = 1011;
    public static final int SERVICE_RESTART = 1012;
    public static final int TRY_AGAIN_LATER = 1013;
    public static final int BAD_GATEWAY = 1014;

    private CloseCode() {
    }

    /** True if {@code code} may be sent in, and accepted from, a close frame. */
    public static boolean isValidOnWire(int code) {
        if (code >= 1000 && code <= 1003) {
            return true;
        }
        if (code >= 1007 && code <= 1014) {
            return true;
        }
        return code >= 3000 && code <= 4999;
    }
}
