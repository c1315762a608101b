package dev.weft.gateway.server;

import dev.weft.gateway.auth.TokenConfig;
import dev.weft.gateway.auth.TokenIssuer;
import dev.weft.gateway.auth.TokenVerifier;
import dev.weft.gateway.broker.MemoryBroker;
import dev.weft.gateway.broker.MemoryPresence;
import dev.weft.gateway.client.ClientProtocolHandler;
import dev.weft.gateway.client.HandlerConfig;
import dev.weft.gateway.hub.ChannelConfig;
import dev.weft.gateway.hub.ChannelOptions;
import dev.weft.io.IoConfig;
import dev.weft.io.IoDrivers;
import dev.weft.io.IoSelection;
import dev.weft.io.TcpListener;
import dev.weft.io.buffer.BufferPool;
import dev.weft.runtime.Runtime;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./weft gateway [--port N] [--io=auto|io_uring|epoll|nio] [--workers=N]}: the gateway
 * with embedded defaults, nothing to configure. Environment: {@code WEFT_PORT} (default 8000),
 * {@code WEFT_TOKEN_HMAC_SECRET} (HS256 connection and subscription tokens; at least 32 bytes)
 * and {@code WEFT_API_KEY}; a missing secret or key is generated at start and printed. Also
 * prints where it listens and an example connection token (user "demo", valid 1 h).
 *
 * <p>Channels: every top-level channel lets clients subscribe, publish, read history (100
 * publications, 5 min) and presence. SIGTERM or Ctrl-C: stop accepting, close every client
 * with 3001 shutdown, exit 0.
 */
public final class GatewayMain {
    static final String VERSION = "0.1.0";
    private static final Duration PING_INTERVAL = Duration.ofSeconds(25);

    private GatewayMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(envOr("WEFT_PORT", "8000"));
        String io = "auto";
        int workers = java.lang.Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--port") && i + 1 < args.length) {
                port = Integer.parseInt(args[++i]);
            } else if (a.startsWith("--port=")) {
                port = Integer.parseInt(a.substring("--port=".length()));
            } else if (a.startsWith("--io=")) {
                io = a.substring("--io=".length());
            } else if (a.equals("--io") && i + 1 < args.length) {
                io = args[++i];
            } else if (a.startsWith("--workers=")) {
                workers = Integer.parseInt(a.substring("--workers=".length()));
            } else {
                System.err.println("usage: gateway [--port N] [--io=auto|io_uring|epoll|nio] [--workers=N]");
                System.exit(2);
            }
        }
        SecureRandom random = new SecureRandom();
        String secret = envOr("WEFT_TOKEN_HMAC_SECRET", null);
        boolean generatedSecret = secret == null;
        if (generatedSecret) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        String apiKey = envOr("WEFT_API_KEY", null);
        boolean generatedKey = apiKey == null;
        if (generatedKey) {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            apiKey = HexFormat.of().formatHex(bytes);
        }
        byte[] secretBytes = secret.getBytes(StandardCharsets.UTF_8);

        IoSelection selection = IoDrivers.select(io);
        BufferPool pool = new BufferPool();
        Runtime rt = Runtime.builder().workers(workers).threadName("gateway")
                .drivers(IoDrivers.factory(selection.backend(), IoConfig.defaults(pool))).build();
        GatewayServer gateway = new GatewayServer(pool, protocol(secretBytes), PING_INTERVAL, apiKey);
        TcpListener listener = rt.blockOn(rt.spawn(gateway.listen(new InetSocketAddress(port))));

        CountDownLatch stop = new CountDownLatch(1);
        // A signal handler rather than a shutdown hook, so the process exits 0 after a graceful stop.
        sun.misc.SignalHandler onSignal = sig -> stop.countDown();
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), onSignal);
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), onSignal);

        int bound = listener.localAddress().getPort();
        System.out.println("LISTENING " + bound + " " + selection.backend().label());
        System.out.println(selection);
        System.out.println("WebSocket: ws://127.0.0.1:" + bound + GatewayServer.WEBSOCKET_PATH
                + "  health: http://127.0.0.1:" + bound + "/health");
        System.out.println("token_hmac_secret_key" + (generatedSecret ? " (generated; set WEFT_TOKEN_HMAC_SECRET to keep one): " : ": ")
                + (generatedSecret ? secret : "(from WEFT_TOKEN_HMAC_SECRET)"));
        System.out.println("api_key" + (generatedKey ? " (generated; set WEFT_API_KEY to keep one): " : ": ")
                + (generatedKey ? apiKey : "(from WEFT_API_KEY)"));
        String token = TokenIssuer.hs256(secretBytes, InstantSource.system())
                .connectionToken("demo", Duration.ofHours(1), null, List.of());
        System.out.println("example connection token (sub \"demo\", 1 h): " + token);
        System.out.flush();

        stop.await();
        System.out.println("shutting down: closing " + gateway.connectionCount() + " connection(s) with 3001");
        gateway.shutdown(Duration.ofSeconds(5));
        rt.close();
        System.out.println("stopped");
        System.out.flush();
        System.exit(0);
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

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
