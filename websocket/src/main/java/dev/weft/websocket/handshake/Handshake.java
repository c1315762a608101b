package dev.weft.websocket.handshake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * String-level helpers for the opening handshake (RFC 6455 §4.2): key validation, the
 * {@code Sec-WebSocket-Accept} value, and subprotocol selection. HTTP parsing is elsewhere.
 */
public final class Handshake {

    /** §1.3: appended to the client's key before hashing. */
    public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    /** §4.1: the only {@code Sec-WebSocket-Version} this codec speaks. */
    public static final String VERSION = "13";
    private static final int KEY_BYTES = 16;

    private Handshake() {
    }

    /** True if a {@code Sec-WebSocket-Version} value is 13 (§4.2.1 item 6); else answer 426 with version 13. */
    public static boolean isSupportedVersion(String version) {
        return version != null && version.trim().equals(VERSION);
    }

    /** True if {@code key} is base64 of exactly 16 bytes (§4.2.1 item 5), as a 24-character string. */
    public static boolean isValidKey(String key) {
        if (key == null || key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == KEY_BYTES;
        } catch (IllegalArgumentException e) {
            return false; // not base64: an invalid key, reported as false
        }
    }

    /** base64(SHA-1(key + GUID)), the {@code Sec-WebSocket-Accept} value (§4.2.2 item 5.4). */
    public static String acceptKey(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /**
     * The subprotocol to answer with: the first one in the client's
     * {@code Sec-WebSocket-Protocol} list (comma-separated, in its order of preference) that the
     * server supports; empty when none matches (the response then carries no protocol header).
     */
    public static Optional<String> selectSubprotocol(String requestHeader, List<String> supported) {
        if (requestHeader == null) {
            return Optional.empty();
        }
        for (String offered : requestHeader.split(",")) {
            String p = offered.trim();
            if (!p.isEmpty() && supported.contains(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
