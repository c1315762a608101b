package dev.weft.bench.fanout;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.bench.loadgen.LoadGenerator;
import dev.weft.bench.loadgen.OpenFilesBudget;
import dev.weft.gateway.auth.TokenIssuer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loadgen fanout}: subscribers on channels, one publisher, deliveries counted (see
 * {@link FanoutLoad}). Progress on stderr, {@code RESULT <json>} on stdout.
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar dev.weft.bench.loadgen.LoadGenerator fanout --port 9000 --subs 1000 --duration 10s</pre>
 */
@Command(name = "fanout", mixinStandardHelpOptions = true,
        description = "N subscribers over C channels, one publisher; deliveries/s and publish-to-deliver latency.")
public final class FanoutCommand implements Callable<Integer> {
    @Option(names = "--host", description = "server address (default ${DEFAULT-VALUE})")
    String host = "127.0.0.1";
    @Option(names = "--port", required = true, description = "server port")
    int port;
    @Option(names = "--path", description = "WebSocket path (default: / for plain, /connection/websocket for centrifugo)")
    String path;
    @Option(names = "--protocol", description = "plain or centrifugo (default ${DEFAULT-VALUE})")
    String protocol = "plain";
    @Option(names = "--token", description = "centrifugo connection token")
    String token;
    @Option(names = "--token-secret", description = "centrifugo: sign an HS256 connection token with this secret instead")
    String tokenSecret;
    @Option(names = "--subs", description = "subscriber connections (default ${DEFAULT-VALUE})")
    int subscribers = 1000;
    @Option(names = "--channels", description = "channels the subscribers spread over (default ${DEFAULT-VALUE})")
    int channels = 1;
    @Option(names = "--subs-per-conn", description = "channels each subscriber connection joins, K: connection i "
            + "joins channels (i*K + j) %% channels, j < K (default ${DEFAULT-VALUE})")
    int subsPerConnection = 1;
    @Option(names = "--size", description = "publication bytes (default ${DEFAULT-VALUE})")
    int size = 64;
    @Option(names = "--rate", description = "publications/s in total, open loop; 0 = closed loop (default)")
    long rate = 0;
    @Option(names = "--inflight", description = "closed loop: publications not yet at their last subscriber (default ${DEFAULT-VALUE})")
    int inflight = 1;
    @Option(names = "--ramp", description = "time over which subscribers connect (default ${DEFAULT-VALUE})")
    Duration ramp = Duration.ofSeconds(1);
    @Option(names = "--warmup", description = "unmeasured publishing before the window (default ${DEFAULT-VALUE})")
    Duration warmup = Duration.ofSeconds(2);
    @Option(names = "--duration", description = "measured window (default ${DEFAULT-VALUE})")
    Duration duration = Duration.ofSeconds(10);
    @Option(names = "--io", description = "auto, io_uring, epoll or nio (default ${DEFAULT-VALUE})")
    String io = "auto";
    @Option(names = "--threads", description = "generator runtime workers (default ${DEFAULT-VALUE})")
    int threads = 1;
    @Option(names = "--server-pid", description = "read this process's CPU time and RSS over the window")
    long serverPid = 0;

    @Override
    public Integer call() throws Exception {
        FanoutProtocol p = FanoutProtocol.parse(protocol);
        OpenFilesBudget.require(subscribers + 1, "the load generator", "--subs-per-conn with fewer --subs");
        String t = token;
        if (t == null && tokenSecret != null) {
            t = TokenIssuer.hs256(tokenSecret.getBytes(StandardCharsets.UTF_8), InstantSource.system())
                    .connectionToken("bench", Duration.ofHours(2), null, List.of());
        }
        String wsPath = path != null ? path : p == FanoutProtocol.CENTRIFUGO ? "/connection/websocket" : "/";
        FanoutConfig config = new FanoutConfig(new InetSocketAddress(host, port), wsPath, p, t, subscribers, channels,
                subsPerConnection, size, rate, inflight, ramp, warmup, duration, io, threads, serverPid);
        FanoutResult r = FanoutLoad.run(config, System.err);
        System.err.println(summary(r));
        System.out.println(LoadGenerator.RESULT_PREFIX + new ObjectMapper().writeValueAsString(r));
        return r.lost() == 0 && r.excess() == 0 && r.closedEarly() == 0 && r.replyErrors() == 0 ? 0 : 1;
    }

    static String summary(FanoutResult r) {
        return String.format(Locale.ROOT, "%d subscribers x %d channel(s) each on %d channel(s), %d B: %,.0f deliveries/s, %d publications; "
                        + "delivery p50 %.0f us p99 %.0f us; to last subscriber p50 %.0f us p99 %.0f us; "
                        + "server %.0f ns CPU/delivery (%.2f cores); generator %.2f cores; lost %d, excess %d, closed %d, errors %d",
                r.subscribers(), r.subsPerConnection(), r.channels(), r.messageBytes(), r.deliveriesPerSecond(), r.publications(),
                r.p50Micros(), r.p99Micros(), r.lastP50Micros(), r.lastP99Micros(), r.serverCpuNanosPerDelivery(),
                r.serverCoresUsed(), r.generatorCoresUsed(), r.lost(), r.excess(), r.closedEarly(), r.replyErrors());
    }
}
