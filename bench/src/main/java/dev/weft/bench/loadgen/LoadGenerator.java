package dev.weft.bench.loadgen;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.bench.fanout.FanoutCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The load generator's command line. {@code echo} drives a raw TCP echo server, or with
 * {@code --protocol websocket} a WebSocket echo server; progress goes
 * to stderr once a second, the result to stdout as one line, {@code RESULT <json>}, for a
 * harness to read, after a readable summary on stderr.
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar dev.weft.bench.loadgen.LoadGenerator echo --port 9000 --conns 1000 --size 64 --duration 10s</pre>
 */
@Command(name = "loadgen", mixinStandardHelpOptions = true, subcommands = {LoadGenerator.Echo.class, ConnectCommand.class, IdleCommand.class, FanoutCommand.class},
        description = "Load generator running on Weft's own I/O.")
public final class LoadGenerator {

    /** Prefix of the stdout line that carries the result. */
    public static final String RESULT_PREFIX = "RESULT ";

    private LoadGenerator() {}

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(LoadGenerator.class);
        cli.registerConverter(Duration.class, new DurationConverter());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println("loadgen: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }

    @Command(name = "echo", mixinStandardHelpOptions = true,
            description = "N connections, each sending a message and waiting for its echo.")
    static final class Echo implements Callable<Integer> {
        @Mixin
        CommonOptions common;
        @Option(names = "--conns", description = "connections (default ${DEFAULT-VALUE})")
        int connections = 100;
        @Option(names = "--size", description = "message bytes (default ${DEFAULT-VALUE})")
        int size = 64;
        @Option(names = "--rate", description = "open loop at this many messages/s in total; 0 = closed loop (default)")
        long rate = 0;
        @Option(names = "--ramp", description = "time over which connections open (default ${DEFAULT-VALUE})")
        Duration ramp = Duration.ofSeconds(1);
        @Option(names = "--warmup", description = "unmeasured time after the ramp (default ${DEFAULT-VALUE})")
        Duration warmup = Duration.ofSeconds(2);
        @Option(names = "--duration", description = "measured window (default ${DEFAULT-VALUE})")
        Duration duration = Duration.ofSeconds(10);
        @Option(names = "--max-messages", description = "end the window after this many round trips")
        long maxMessages = Long.MAX_VALUE;
        @Option(names = "--protocol", description = "TCP (raw bytes) or WEBSOCKET (upgrade, then one masked binary "
                + "frame per message, no compression) (default ${DEFAULT-VALUE})")
        EchoProtocol protocol = EchoProtocol.TCP;

        @Override
        public Integer call() throws Exception {
            OpenFilesBudget.require(connections, "the load generator", "the harness's --generators");
            EchoLoadConfig config = new EchoLoadConfig(common.target(), connections, size, rate,
                    ramp, warmup, duration, maxMessages, common.io, common.threads, common.serverPids, protocol,
                    common.sources(connections));
            EchoLoadResult r = EchoLoad.run(config, System.err);
            System.err.println(summary(r));
            System.out.println(RESULT_PREFIX + new ObjectMapper().writeValueAsString(r));
            System.out.flush();
            return 0;
        }
    }

    /** A few readable lines of {@code r}. */
    static String summary(EchoLoadResult r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "echo %d B over %d conns (%d open at start, %d at end), %s, io %s%n",
                r.messageBytes(), r.connections(), r.openAtStart(), r.openAtEnd(),
                r.ratePerSecond() == 0 ? "closed loop" : "open loop at " + r.ratePerSecond() + "/s", r.io()));
        s.append(String.format(Locale.ROOT, "  %,d msgs in %.2f s = %,.0f msgs/s; errors: %d connect, %d io%n",
                r.messages(), r.windowNanos() / 1e9, r.messagesPerSecond(), r.connectErrors(), r.ioErrors()));
        s.append(String.format(Locale.ROOT, "  round trip us: p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n",
                r.p50Micros(), r.p90Micros(), r.p99Micros(), r.p999Micros(), r.maxMicros()));
        s.append(String.format(Locale.ROOT, "  generator CPU %.2f cores; machine busy %.2f cores, %.2f of them other processes",
                r.generatorCoresUsed(), r.machineCoresBusy(), r.otherCoresBusy()));
        if (r.serverPid() != 0) {
            s.append(String.format(Locale.ROOT, "; server CPU %.0f ns/msg, RSS %.1f MiB",
                    r.serverCpuNanosPerMessage(), r.serverRssBytes() / 1048576.0));
        }
        return s.toString();
    }
}
