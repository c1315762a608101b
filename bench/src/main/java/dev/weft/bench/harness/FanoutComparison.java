package dev.weft.bench.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.weft.bench.fanout.FanoutResult;
import dev.weft.bench.loadgen.DurationConverter;
import dev.weft.bench.proc.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Fan-out, server against server ({@code ./weft bench-fanout}): for each round, each shape
 * ({@link FanoutShape}: connections / channels, optionally x subscriptions per connection) and each server in turn (interleaved), start the server in its own
 * JVM, run {@code loadgen fanout} in another with the server's pid, stop the server. Reports
 * per server and shape the medians over rounds of server CPU per delivery, deliveries/s and the
 * time from publish to the last subscriber, and their ratios to the best Netty transport, in
 * {@code <out>/fanout.json} and {@code <out>/fanout.md}.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.weft.bench.harness.FanoutComparison --shapes 10000/1 --rounds 2</pre>
 */
@Command(name = "FanoutComparison", mixinStandardHelpOptions = true,
        description = "Compares WebSocket fan-out servers: CPU per delivery, deliveries/s, publish-to-last-subscriber time.")
public final class FanoutComparison implements Callable<Integer> {

    @Option(names = "--servers", split = ",", description = "servers in order (default: ${DEFAULT-VALUE})")
    List<String> servers = FanoutServer.ALL.stream().map(FanoutServer::name).toList();
    @Option(names = "--shapes", split = ",", description = "connections/channels[xK], K channels per connection, e.g. 10000/1,10000/100,10000/1000x10 (default ${DEFAULT-VALUE})")
    List<String> shapes = List.of("1000/1");
    @Option(names = "--size", description = "publication body bytes (default ${DEFAULT-VALUE})")
    int size = 64;
    @Option(names = "--rate", description = "publications/s, open loop; 0 = closed loop (default ${DEFAULT-VALUE})")
    long rate = 0;
    @Option(names = "--inflight", description = "closed loop: publications in flight (default ${DEFAULT-VALUE})")
    int inflight = 4;
    @Option(names = "--duration", description = "measured window per run (default ${DEFAULT-VALUE})")
    Duration duration = Duration.ofSeconds(10);
    @Option(names = "--warmup", description = "publishing before the window (default ${DEFAULT-VALUE})")
    Duration warmup = Duration.ofSeconds(3);
    @Option(names = "--ramp", description = "time over which subscribers connect (default ${DEFAULT-VALUE})")
    Duration ramp = Duration.ofSeconds(2);
    @Option(names = "--rounds", description = "rounds; the report takes medians (default ${DEFAULT-VALUE})")
    int rounds = 2;
    @Option(names = "--server-threads", description = "server event loops / workers (default ${DEFAULT-VALUE})")
    int serverThreads = 1;
    @Option(names = "--client-threads", description = "generator workers (default ${DEFAULT-VALUE})")
    int clientThreads = 1;
    @Option(names = "--quiet-below", description = "wait before each run until other processes keep at most this many cores busy; negative = do not wait (default ${DEFAULT-VALUE})")
    double quietBelow = 0.3;
    @Option(names = "--quiet-wait", description = "longest wait for quiet (default ${DEFAULT-VALUE})")
    Duration quietWait = Duration.ofMinutes(1);
    @Option(names = "--out", description = "results directory (default: results/fanout-<UTC time>)")
    Path out;

    /** One run: a server on a shape in a round; {@code result} null when it failed. */
    public record Run(String server, String shape, int round, FanoutResult result, String error) {}

    /** Medians over rounds, and ratios to the best Netty transport on the same shape (NaN without one). */
    public record Summary(String server, String shape, int runs, double serverCpuNanosPerDelivery,
                          double serverSystemNanosPerDelivery, double deliveriesPerSecond, double lastP50Micros, double lastP99Micros, double p99Micros,
                          double generatorCores, double cpuRatioToBestNetty, double lastP99RatioToBestNetty) {}

    public record Report(String command, String startedAt, Map<String, String> machine, List<Run> runs,
                         List<Summary> summaries) {}

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new FanoutComparison());
        cli.registerConverter(Duration.class, new DurationConverter());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) {   // a bad server name or shape: the message says which
                cmd.getErr().println("FanoutComparison: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<FanoutServer> kinds = servers.stream().map(FanoutServer::named).toList();
        List<FanoutShape> parsed = shapes.stream().map(FanoutShape::parse).toList();
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path dir = out != null ? out : Path.of("results", "fanout-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(startedAt));
        Files.createDirectories(dir.resolve("logs"));
        QuietGate gate = new QuietGate(quietBelow, Duration.ofSeconds(1), quietWait);
        List<Run> runs = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (FanoutShape shape : parsed) {
                for (FanoutServer kind : kinds) {
                    if (quietBelow >= 0) {
                        gate.await(System.err);
                    }
                    Run r = runOne(kind, shape, round, dir.resolve("logs"));
                    System.err.println(describe(r));
                    runs.add(r);
                }
            }
        }
        Report report = new Report(commandText(), startedAt.toString(), machine(), runs, summarize(runs));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("fanout.json").toFile(), report);
        String md = markdown(report);
        Files.writeString(dir.resolve("fanout.md"), md);
        System.out.println(md);
        System.err.println("written: " + dir.resolve("fanout.json") + ", " + dir.resolve("fanout.md"));
        return runs.stream().allMatch(r -> r.result() != null) ? 0 : 1;
    }

    private Run runOne(FanoutServer kind, FanoutShape shape, int round, Path logs) throws InterruptedException {
        String tag = kind.name() + "-" + shape.tag() + "-round" + round;
        ServerProcess server;
        try {
            server = ServerProcess.start(ServerProcess.Spec.of(kind.mainClass())
                    .withJvmFlags(kind.jvmFlags(EchoComparison.JVM_FLAGS).toArray(String[]::new))
                    .withArgs(kind.args(serverThreads).toArray(String[]::new))
                    .withEnv(kind.env())
                    .withLog(logs.resolve(tag + "-server.log")));
        } catch (Exception e) {
            return new Run(kind.name(), shape.text(), round, null, "server did not start: " + e.getMessage());
        }
        FanoutResult result = null;
        String error = null;
        try {
            List<String> args = new ArrayList<>(List.of("fanout", "--port", Integer.toString(server.port()),
                    "--protocol", kind.protocol().cliName(), "--subs", Integer.toString(shape.connections()), "--channels", Integer.toString(shape.channels()),
                    "--subs-per-conn", Integer.toString(shape.subsPerConnection()),
                    "--size", Integer.toString(size), "--rate", Long.toString(rate), "--inflight", Integer.toString(inflight),
                    "--ramp", DurationConverter.format(ramp), "--warmup", DurationConverter.format(warmup),
                    "--duration", DurationConverter.format(duration), "--io", "io_uring",
                    "--threads", Integer.toString(clientThreads), "--server-pid", Long.toString(server.pid())));
            if (!kind.env().isEmpty()) {
                args.addAll(List.of("--token-secret", FanoutServer.GATEWAY_SECRET));
            }
            long timeout = ramp.plus(warmup).plus(duration).toSeconds() + 120;
            String json = GeneratorProcess.result(EchoComparison.JVM_FLAGS, args, logs.resolve(tag + "-loadgen.log"),
                    timeout, false);
            result = new ObjectMapper().readValue(json, FanoutResult.class);
            if (result.lost() > 0 || result.excess() > 0 || result.closedEarly() > 0) {
                error = "lost " + result.lost() + " deliveries, " + result.excess() + " excess, "
                        + result.closedEarly() + " connections closed early";
            }
        } catch (Exception e) {
            error = e.getMessage();
        }
        server.stop(Duration.ofSeconds(10));
        return new Run(kind.name(), shape.text(), round, result, error);
    }

    static List<Summary> summarize(List<Run> runs) {
        Map<String, List<Run>> byKey = new LinkedHashMap<>();
        for (Run r : runs) {
            if (r.result() != null) {
                byKey.computeIfAbsent(r.server() + "|" + r.shape(), k -> new ArrayList<>()).add(r);
            }
        }
        Map<String, double[]> bestNetty = new LinkedHashMap<>();   // shape -> {cpu, lastP99}
        for (List<Run> group : byKey.values()) {
            Run first = group.getFirst();
            if (first.server().startsWith("netty-")) {
                double cpu = median(group, x -> x.serverCpuNanosPerDelivery());
                double last = median(group, FanoutResult::lastP99Micros);
                double[] best = bestNetty.get(first.shape());
                if (best == null || cpu < best[0]) {
                    bestNetty.put(first.shape(), new double[] {cpu, last});
                }
            }
        }
        List<Summary> out = new ArrayList<>();
        for (List<Run> group : byKey.values()) {
            Run first = group.getFirst();
            double cpu = median(group, FanoutResult::serverCpuNanosPerDelivery);
            double last99 = median(group, FanoutResult::lastP99Micros);
            double[] best = bestNetty.get(first.shape());
            out.add(new Summary(first.server(), first.shape(), group.size(), cpu,
                    median(group, FanoutResult::serverSystemNanosPerDelivery),
                    median(group, FanoutResult::deliveriesPerSecond), median(group, FanoutResult::lastP50Micros),
                    last99, median(group, FanoutResult::p99Micros), median(group, FanoutResult::generatorCoresUsed),
                    best == null ? Double.NaN : cpu / best[0], best == null ? Double.NaN : last99 / best[1]));
        }
        return out;
    }

    private static double median(List<Run> runs, ToDoubleFunction<FanoutResult> f) {
        double[] v = runs.stream().mapToDouble(r -> f.applyAsDouble(r.result())).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static String markdown(Report report) {
        StringBuilder b = new StringBuilder();
        b.append("Fan-out, ").append(report.startedAt()).append(", ").append(report.machine()).append("\n\n`")
                .append(report.command()).append("`\n\n")
                .append("| server | connections/channels[xK] | CPU ns/delivery | of which kernel | vs best Netty | deliveries/s | to last p50 (us) | to last p99 (us) | vs best Netty | delivery p99 (us) | generator cores |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Summary s : report.summaries()) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %s | %,.0f | %,.0f | %,.0f | %s | %,.0f | %.2f |%n",
                    s.server(), s.shape(), s.serverCpuNanosPerDelivery(), s.serverSystemNanosPerDelivery(),
                    ratio(s.cpuRatioToBestNetty()),
                    s.deliveriesPerSecond(), s.lastP50Micros(), s.lastP99Micros(), ratio(s.lastP99RatioToBestNetty()),
                    s.p99Micros(), s.generatorCores()));
        }
        for (Run r : report.runs()) {
            if (r.error() != null) {
                b.append("\n- ").append(r.server()).append(' ').append(r.shape()).append(" round ").append(r.round())
                        .append(": ").append(r.error());
            }
        }
        return b.append('\n').toString();
    }

    private static String ratio(double r) {
        return Double.isNaN(r) ? "—" : String.format(Locale.ROOT, "%.2fx", r);
    }

    private static String describe(Run r) {
        if (r.result() == null) {
            return "round " + r.round() + " " + r.shape() + " " + r.server() + " FAILED: " + r.error();
        }
        FanoutResult x = r.result();
        return String.format(Locale.ROOT, "round %d %s %-16s %,10.0f deliveries/s  server %,6.0f ns/delivery (kernel %,6.0f; %.2f cores)  "
                        + "last p50 %,8.0f us p99 %,8.0f us  gen %.2f cores%s",
                r.round(), r.shape(), r.server(), x.deliveriesPerSecond(), x.serverCpuNanosPerDelivery(),
                x.serverSystemNanosPerDelivery(), x.serverCoresUsed(),
                x.lastP50Micros(), x.lastP99Micros(), x.generatorCoresUsed(), r.error() == null ? "" : "  (" + r.error() + ")");
    }

    private String commandText() {
        return "java -cp bench/target/benchmarks.jar " + FanoutComparison.class.getName() + " --servers "
                + String.join(",", servers) + " --shapes " + String.join(",", shapes) + " --size " + size
                + (rate == 0 ? " --inflight " + inflight : " --rate " + rate) + " --duration " + DurationConverter.format(duration)
                + " --warmup " + DurationConverter.format(warmup) + " --ramp " + DurationConverter.format(ramp)
                + " --rounds " + rounds + " --server-threads " + serverThreads + " --client-threads " + clientThreads;
    }

    private static Map<String, String> machine() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kernel", System.getProperty("os.version"));
        m.put("processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("java", System.getProperty("java.vm.version"));
        return m;
    }
}
