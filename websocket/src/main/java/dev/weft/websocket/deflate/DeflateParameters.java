package dev.weft.websocket.deflate;

/**
 * The agreed permessage-deflate parameters (RFC 7692 §7.1), as the server's response states
 * them. A window-bits value of 0 means the parameter is absent.
 */
public record DeflateParameters(boolean isServerNoContextTakeover, boolean isClientNoContextTakeover,
                                int serverMaxWindowBits, int clientMaxWindowBits) {

    public static final String EXTENSION_NAME = "permessage-deflate";

    /** The {@code Sec-WebSocket-Extensions} response value. */
    public String toHeader() {
        StringBuilder sb = new StringBuilder(EXTENSION_NAME);
        if (isServerNoContextTakeover) {
            sb.append("; server_no_context_takeover");
        }
        if (isClientNoContextTakeover) {
            sb.append("; client_no_context_takeover");
        }
        if (serverMaxWindowBits != 0) {
            sb.append("; server_max_window_bits=").append(serverMaxWindowBits);
        }
        if (clientMaxWindowBits != 0) {
            sb.append("; client_max_window_bits=").append(clientMaxWindowBits);
        }
        return sb.toString();
    }
}
