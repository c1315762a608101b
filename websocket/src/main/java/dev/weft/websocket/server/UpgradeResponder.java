package dev.weft.websocket.server;

import dev.weft.http.HttpRequest;
import dev.weft.http.HttpStatus;
import dev.weft.http.HttpVersion;
import dev.weft.websocket.deflate.DeflateParameters;
import dev.weft.websocket.handshake.Handshake;
import dev.weft.websocket.session.WebSocketHandler;
import dev.weft.websocket.session.WebSocketOptions;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

/**
 * The server's side of the opening handshake (RFC 6455 §4.2.1, §4.2.2): checks an upgrade
 * request rule by rule, each failure with its own status and reason, and builds the 101 answer
 * with the accept key, the chosen subprotocol and the permessage-deflate agreement.
 *
 * <p>Stateless; shared by every connection of a server.
 */
final class UpgradeResponder {

    private final WebSocketOptions options;
    private final OriginPolicy origins;
    private final Function<String, WebSocketHandler> handlers;

    /** @param handlers the handler for a request path, or null when the path has none (404) */
    UpgradeResponder(WebSocketOptions options, OriginPolicy origins, Function<String, WebSocketHandler> handlers) {
        this.options = options;
        this.origins = origins;
        this.handlers = handlers;
    }

    UpgradeDecision decide(HttpRequest request) {
        if (!request.methodIs("GET")) {
            return reject(405, "a WebSocket upgrade must be a GET", "Allow: GET\r\n");
        }
        if (request.version() != HttpVersion.HTTP_1_1) {
            return reject(400, "a WebSocket upgrade needs HTTP/1.1", "");
        }
        if (!request.isUpgradeTo("websocket")) {
            return reject(400, "only an upgrade to websocket is served here", "");
        }
        if (!Handshake.isSupportedVersion(request.headers().get("sec-websocket-version"))
                || request.headers().count("sec-websocket-version") != 1) {
            return reject(426, "Sec-WebSocket-Version must be " + Handshake.VERSION,
                    "Sec-WebSocket-Version: " + Handshake.VERSION + "\r\n");
        }
        String key = request.headers().get("sec-websocket-key");
        if (request.headers().count("sec-websocket-key") != 1 || !Handshake.isValidKey(key)) {
            return reject(400, "missing or invalid Sec-WebSocket-Key", "");
        }
        if (request.headers().count("origin") > 1 || !origins.allows(request.headers().get("origin"))) {
            return reject(403, "origin not allowed", "");
        }
        WebSocketHandler handler = handlers.apply(request.rawPath());
        if (handler == null) {
            return reject(404, "no WebSocket endpoint at this path", "");
        }
        Optional<String> protocol = Handshake.selectSubprotocol(joined(request, "sec-websocket-protocol"),
                options.subprotocols());
        DeflateParameters deflate = null;
        String extensions = joined(request, "sec-websocket-extensions");
        if (options.deflate() != null && extensions != null) {
            deflate = options.deflate().negotiate(extensions).orElse(null);
        }
        StringBuilder sb = new StringBuilder(192)
                .append("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Accept: ").append(Handshake.acceptKey(key)).append("\r\n");
        protocol.ifPresent(p -> sb.append("Sec-WebSocket-Protocol: ").append(p).append("\r\n"));
        if (deflate != null) {
            sb.append("Sec-WebSocket-Extensions: ").append(deflate.toHeader()).append("\r\n");
        }
        sb.append("\r\n");
        return new UpgradeDecision.Accept(sb.toString().getBytes(StandardCharsets.ISO_8859_1), handler,
                protocol.orElse(""), deflate);
    }

    /** Every {@code name} field joined into one list (a list header may be split over lines, RFC 9110 §5.3). */
    private static String joined(HttpRequest request, String name) {
        String joined = null;
        for (int i = 0; i < request.headers().size(); i++) {
            if (request.headers().nameEquals(i, name)) {
                String v = request.headers().value(i);
                joined = joined == null ? v : joined + ", " + v;
            }
        }
        return joined;
    }

    private static UpgradeDecision reject(int status, String reason, String extraFields) {
        byte[] body = (reason + "\n").getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + HttpStatus.reasonPhrase(status) + "\r\n" + extraFields
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return new UpgradeDecision.Reject(status, reason, all);
    }
}
