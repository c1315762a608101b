package dev.weft.gateway.server;

import dev.weft.gateway.auth.TokenConfig;
import dev.weft.gateway.auth.TokenIssuer;
import dev.weft.gateway.auth.TokenVerifier;
import dev.weft.gateway.broker.MemoryBroker;
import dev.weft.gateway.broker.MemoryPresence;
import dev.weft.gateway.client.ClientProtocolHandler;
import dev.weft.gateway.client.HandlerConfig;
import dev.weft.gateway.config.ConfigException;
import dev.weft.gateway.config.GatewayCommandLine;
import dev.weft.gateway.config.GatewayConfig;
import dev.weft.gateway.demo.DemoPage;
import dev.weft.gateway.hub.ChannelConfig;
import dev.weft.gateway.hub.ChannelOptions;
import dev.weft.io.IoConfig;
import dev.weft.io.IoDrivers;
import dev.weft.io.IoSelection;
import dev.weft.io.TcpListener;
import dev.weft.io.buffer.BufferPool;
import dev.weft.runtime.Runtime;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./weft gateway}: parse the configuration (flags, {@code WEFT_*} environment, an
 * optional {@code --config weft.yaml}; see {@link GatewayCommandLine}), build the node, run.
 * Nothing needs configuring: a missing token secret or API key is generated and printed.
 * Prints where it listens and an example connection token (user "demo", valid 1 h) when an
 * HMAC secret is in use. A bad configuration prints one line and exits 2.
 *
 * <p>The demo page ({@link DemoPage}, {@code /demo}) is on unless {@code --no-demo}: it hands a
 * connection token to anyone who can reach the port.
 *
 * <p>Channels by default: every top-level channel lets clients subscribe, publish, read
 * history (100 publications, 5 min) and presence. SIGTERM or Ctrl-C: stop accepting, close
 * every client with 3001 shutdown, exit 0.
 */
public final class GatewayMain {
    static final String VERSION = "0.1.0";
    private static final Duration PING_INTERVAL = Duration.ofSeconds(25);
    /** Exit status for a configuration that cannot start the gateway. */
    static final int EXIT_BAD_CONFIG = 2;
    private static final Duration DEMO_TOKEN_TTL = Duration.ofMinutes(10);

    private GatewayMain() {
    }

    public static void main(String[] args) throws Exception {
        GatewayConfig config;
        try {
            switch (GatewayCommandLine.parse(args, System.getenv())) {
                case GatewayCommandLine.Help h -> {
                    System.out.print(h.usage());
                    System.out.flush();
                    return;
                }
                case GatewayCommandLine.Run r -> config = r.config();
            }
        } catch (ConfigException e) {
            System.err.println("weft gateway: bad configuration: " + e.getMessage());
            System.exit(EXIT_BAD_CONFIG);
            return;
        }
        run(config);
    }

    private static void run(GatewayConfig config) throws Exception {
        SecureRandom random = new SecureRandom();
        TokenConfig tokens;
        String generatedSecret = null;
        if (config.hasTokenKey()) {
            tokens = new TokenConfig(config.tokenHmacSecretKey(), config.tokenRsaPublicKey(),
                    config.tokenEcdsaPublicKey(), config.tokenAudience(), config.tokenIssuer());
        } else {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            generatedSecret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            tokens = new TokenConfig(Optional.of(generatedSecret.getBytes(StandardCharsets.UTF_8)), Optional.empty(),
                    Optional.empty(), config.tokenAudience(), config.tokenIssuer());
        }
        // Kept for the HTTP server API, which takes it from here.
        String apiKey = config.apiKey().orElse(null);
        boolean generatedKey = apiKey == null;
        if (generatedKey) {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            apiKey = HexFormat.of().formatHex(bytes);
        }

        IoSelection selection = IoDrivers.select(config.io());
        BufferPool pool = new BufferPool();
        Runtime rt = Runtime.builder().workers(config.workers()).threadName("gateway")
                .drivers(IoDrivers.factory(selection.backend(), IoConfig.defaults(pool))).build();
        Optional<byte[]> hmac = tokens.hmacSecret();
        DemoPage demo = config.demo() && hmac.isPresent()
                ? new DemoPage(TokenIssuer.hs256(hmac.get(), InstantSource.system()), DEMO_TOKEN_TTL) : null;
        GatewayServer gateway = GatewayServer.builder(pool, protocol(config, tokens))
                .limits(config.serverLimits()).apiKey(apiKey).demo(demo).build();
        gateway.metrics().registerRuntime(rt);
        TcpListener listener = rt.blockOn(rt.spawn(gateway.listen(config.listenAddress())));

        CountDownLatch stop = new CountDownLatch(1);
        // A signal handler rather than a shutdown hook, so the process exits 0 after a graceful stop.
        sun.misc.SignalHandler onSignal = sig -> stop.countDown();
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), onSignal);
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), onSignal);

        int bound = listener.localAddress().getPort();
        System.out.println("LISTENING " + bound + " " + selection.backend().label());
        System.out.println(selection);
        System.out.println("WebSocket: ws://127.0.0.1:" + bound + GatewayServer.WEBSOCKET_PATH
                + "  health: http://127.0.0.1:" + bound + "/health  metrics: http://127.0.0.1:" + bound + "/metrics");
        if (demo != null) {
            System.out.println("demo: http://localhost:" + bound + DemoPage.PATH
                    + "  (gives a connection token to anyone who can reach this port; --no-demo turns it off)");
        }
        System.out.println("token_hmac_secret_key" + (generatedSecret != null
                ? " (generated; set WEFT_TOKEN_HMAC_SECRET to keep one): " + generatedSecret
                : ": " + (config.tokenHmacSecretKey().isPresent() ? "(configured)" : "(none; RSA/ECDSA keys only)")));
        System.out.println("api_key" + (generatedKey ? " (generated; set WEFT_API_KEY to keep one): " + apiKey
                : ": (configured)"));
        if (hmac.isPresent()) {
            String token = TokenIssuer.hs256(hmac.get(), InstantSource.system())
                    .connectionToken("demo", Duration.ofHours(1), null, List.of());
            System.out.println("example connection token (sub \"demo\", 1 h): " + token);
        }
        System.out.flush();

        stop.await();
        System.out.println("shutting down: closing " + gateway.connectionCount() + " connection(s) with 3001");
        gateway.shutdown(Duration.ofSeconds(5));
        rt.close();
        System.out.println("stopped");
        System.out.flush();
        System.exit(0);
    }

    /** The configured node: its tokens and channels, in-memory broker and presence. */
    static ClientProtocolHandler protocol(GatewayConfig config, TokenConfig tokens) {
        InstantSource clock = InstantSource.system();
        return ClientProtocolHandler.builder()
                .config(config.handlerConfig(VERSION, 100))
                .limits(config.clientLimits())
                .channels(config.channels())
                .tokens(new TokenVerifier(tokens, clock))
                .broker(MemoryBroker.withDefaults(clock))
                .presence(new MemoryPresence(clock, Duration.ofSeconds(60)))
                .build();
    }

    /** The embedded node: HS256 tokens, in-memory broker and presence, open top-level channels. */
    static ClientProtocolHandler protocol(byte[] hmacSecret) {
        InstantSource clock = InstantSource.system();
        ChannelOptions open = ChannelOptions.builder()
                .history(100, Duration.ofMinutes(5)).allowRecovery(true).presence(true)
                .allowSubscribeForClient(true).allowPublishForClient(true)
                .allowHistoryForClient(true).allowPresenceForClient(true)
                .build();
        return ClientProtocolHandler.builder()
                .config(new HandlerConfig(VERSION, PING_INTERVAL, 128, false, 100))
                .channels(new ChannelConfig(open, Map.of()))
                .tokens(new TokenVerifier(TokenConfig.hmac(hmacSecret), clock))
                .broker(MemoryBroker.withDefaults(clock))
                .presence(new MemoryPresence(clock, Duration.ofSeconds(60)))
                .build();
    }
}
