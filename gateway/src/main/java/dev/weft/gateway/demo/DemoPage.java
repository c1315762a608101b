package dev.weft.gateway.demo;

import dev.weft.gateway.auth.TokenIssuer;
import dev.weft.http.HttpHandler;
import dev.weft.http.Response;
import dev.weft.http.ResponseHead;
import dev.weft.http.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * The demo page: {@code GET /demo} (HTML), {@code /demo/demo.js}, {@code /demo/centrifuge.js}
 * (the centrifuge client's browser build, shipped in this jar under its MIT license) and
 * {@code /demo/token}, which hands every caller a fresh connection token for a random user
 * {@code demo-<8 hex>} valid for {@code tokenTtl}. The page connects to the gateway with it,
 * subscribes to channel {@value #CHANNEL}, lists publications live and publishes what is typed.
 *
 * <p>Anyone who can reach the port gets a token, so the demo is off unless the server is
 * given a {@code DemoPage}; {@code ./weft gateway} turns it on, {@code --no-demo} off.
 */
public final class DemoPage {
    public static final String PATH = "/demo";
    public static final String CHANNEL = "demo";
    /** Scripts and the connection only from this origin; nothing inline, nothing framed. */
    private static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'";

    private final TokenIssuer issuer;
    private final Duration tokenTtl;
    private final SecureRandom random = new SecureRandom();
    private final Response page;
    private final Response script;
    private final Response centrifuge;

    public DemoPage(TokenIssuer issuer, Duration tokenTtl) {
        if (tokenTtl.isNegative() || tokenTtl.isZero()) {
            throw new IllegalArgumentException("demo tokenTtl must be positive, was " + tokenTtl);
        }
        this.issuer = issuer;
        this.tokenTtl = tokenTtl;
        this.page = resource("index.html", "text/html; charset=utf-8")
                .with("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        this.script = resource("demo.js", "text/javascript; charset=utf-8");
        this.centrifuge = resource("centrifuge.js", "text/javascript; charset=utf-8");
    }

    /** Adds the demo's routes. */
    public void addRoutes(Router.Builder<HttpHandler> routes) {
        routes.get(PATH, exchange -> page)
                .get(PATH + "/demo.js", exchange -> script)
                .get(PATH + "/centrifuge.js", exchange -> centrifuge)
                .get(PATH + "/token", exchange -> token());
    }

    private Response token() {
        byte[] id = new byte[4];
        random.nextBytes(id);
        String token = issuer.connectionToken("demo-" + HexFormat.of().formatHex(id), tokenTtl, null, List.of());
        // A JWT is base64url and dots: nothing to escape inside the JSON string.
        byte[] body = ("{\"token\":\"" + token + "\"}").getBytes(StandardCharsets.US_ASCII);
        return new Response(ResponseHead.of(200).with("Content-Type", "application/json")
                .with("Cache-Control", "no-store"), body);
    }

    private static Response resource(String name, String contentType) {
        try (InputStream in = DemoPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("demo resource missing from the classpath: " + name);
            }
            return new Response(ResponseHead.of(200).with("Content-Type", contentType)
                    .with("X-Content-Type-Options", "nosniff"), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo resource " + name, e);
        }
    }
}
