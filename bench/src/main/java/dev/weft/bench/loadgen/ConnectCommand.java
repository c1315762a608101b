package dev.weft.bench.loadgen;

import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code loadgen connect}: connections per second, each opened and closed at once ({@link ConnectLoad}). */
@Command(name = "connect", mixinStandardHelpOptions = true,
        description = "N connectors each opening and at once closing connections; reports connections/s.")
final class ConnectCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;
    @Option(names = "--conns", description = "connections being opened at once (default ${DEFAULT-VALUE})")
    int connectors = 100;
    @Option(names = "--warmup", description = "unmeasured time first (default ${DEFAULT-VALUE})")
    Duration warmup = Duration.ofSeconds(1);
    @Option(names = "--duration", description = "measured window (default ${DEFAULT-VALUE})")
    Duration duration = Duration.ofSeconds(5);

    @Override
    public Integer call() throws Exception {
        if (connectors < 1) {
            throw new IllegalArgumentException("--conns must be at least 1; was " + connectors);
        }
        OpenFilesBudget.require(connectors, "the load generator", "the harness's --generators");
        ConnectLoadResult r = ConnectLoad.run(common.target(), connectors, common.sources(connectors), warmup, duration,
                common.io, common.threads, common.serverPids, System.err);
        System.err.printf(Locale.ROOT, "connect: %,.0f connections/s over %d connectors; p50 %.0f us, p99 %.0f us; "
                        + "%d errors%s; server CPU %.0f ns/connect%n", r.connectsPerSecond(), r.connectors(),
                r.p50Micros(), r.p99Micros(), r.connectErrors(), r.firstError() == null ? "" : " (first: " + r.firstError() + ")",
                r.serverCpuNanosPerConnect());
        System.out.println(LoadGenerator.RESULT_PREFIX + new ObjectMapper().writeValueAsString(r));
        System.out.flush();
        return 0;
    }
}
