package dev.weft.bench.harness;

import dev.weft.bench.loadgen.DurationConverter;
import dev.weft.bench.loadgen.EchoLoadResult;
import dev.weft.bench.proc.ServerProcess;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

/**
 * Echo, server against server, over raw TCP or WebSocket ({@link EchoScenario}): each server in its own JVM ({@link ServerProcess}), the
 * load generator in another, this JVM only coordinating. For each round, each message size and
 * each server in turn (interleaved: A, B, A, B, so drift in the machine's state spreads over all
 * servers): start the server, run the generator with the server's pid so it reads the server's
 * CPU time and RSS at the edges of its measured window, stop the server. Per server and size it
 * reports medians over the rounds and ratios to the best Netty transport, in
 * {@code <out>/comparison.json} and {@code <out>/comparison.md}.
 *
 * <p>Started as {@link TcpEchoComparison} or {@link WsEchoComparison}.
 */
@Command(mixinStandardHelpOptions = true,
        description = "Compares echo servers' CPU per message, throughput, latency and memory.")
final class EchoComparison implements Callable<Integer> {

    /** Flags of every server JVM and of the generator's: the same heap cap, native access, Unsafe allowed for Netty. */
    static final List<String> JVM_FLAGS = List.of(
            "-Xms256m", "-Xmx512m", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow");

    private final EchoScenario scenario;

    @Option(names = "--servers", split = ",", description = "servers in order (default: ${DEFAULT-VALUE})")
    List<String> servers;
    @Option(names = "--conns", description = "connections (default ${DEFAULT-VALUE})")
    int connections = 1000;
    @Option(names = "--size", split = ",", description = "message sizes in bytes, e.g. 64,4096 (default ${DEFAULT-VALUE})")
    List<Integer> sizes = List.of(64);
    @Option(names = "--duration", description = "measured window per run (default ${DEFAULT-VALUE})")
    Duration duration = Duration.ofSeconds(10);
    @Option(names = "--warmup", description = "unmeasured time after the ramp (default ${DEFAULT-VALUE})")
    Duration warmup = Duration.ofSeconds(3);
    @Option(names = "--ramp", description = "time over which connections open (default ${DEFAULT-VALUE})")
    Duration ramp = Duration.ofSeconds(1);
    @Option(names = "--rounds", description = "rounds; the report takes medians over them (default ${DEFAULT-VALUE})")
    int rounds = 3;
    @Option(names = "--rate", description = "open loop at this many messages/s; 0 = closed loop (default)")
    long rate = 0;
    @Option(names = "--server-threads", description = "server event loops / workers / carriers (default ${DEFAULT-VALUE})")
    int serverThreads = 1;
    @Option(names = "--client-threads", description = "generator workers (default ${DEFAULT-VALUE})")
    int clientThreads = 1;
    @Option(names = "--client-io", description = "generator I/O backend (default ${DEFAULT-VALUE})")
    String clientIo = "io_uring";
    @Option(names = "--quiet-below", description = "before each run, wait until the machine's busy cores are at most this; "
            + "negative = do not wait (default ${DEFAULT-VALUE})")
    double quietBelow = 0.3;
    @Option(names = "--quiet-wait", description = "longest wait for quiet before running anyway (default ${DEFAULT-VALUE})")
    Duration quietWait = Duration.ofMinutes(2);
    @Option(names = "--retries", description = "runs again, up to this many times, a run during which other processes "
            + "kept more than --quiet-below cores busy; the least disturbed attempt counts (default ${DEFAULT-VALUE})")
    int retries = 0;
    @Option(names = "--out", description = "results directory (default: results/<scenario>-<UTC time>)")
    Path out;

    private EchoComparison(EchoScenario scenario) {
        this.scenario = scenario;
        this.servers = scenario.defaultServers();
    }

    /** The command line of {@code scenario}'s comparison. */
    static CommandLine commandLine(EchoScenario scenario) {
        CommandLine cli = new CommandLine(new EchoComparison(scenario));
        cli.setCommandName(scenario.mainClass().getSimpleName());
        cli.registerConverter(Duration.class, new DurationConverter());
        return cli;
    }

    @Override
    public Integer call() throws Exception {
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<ServerKind> kinds = servers.stream().map(scenario::server).toList();
        Path dir = out != null ? out : Path.of("results", scenario.name() + "-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(startedAt));
        Files.createDirectories(dir.resolve("logs"));
        List<RunRecord> runs = new ArrayList<>();
        QuietGate gate = new QuietGate(quietBelow, Duration.ofSeconds(1), quietWait);
        for (int round = 1; round <= rounds; round++) {
            for (int size : sizes) {
                for (ServerKind kind : kinds) {
                    RunRecord r = runLeastDisturbed(gate, kind, size, round, dir.resolve("logs"));
                    runs.add(r);
                }
            }
        }
        ComparisonReport report = new ComparisonReport(scenario.title(), commandText(), startedAt.toString(), machine(),
                parameters(), runs, ServerSummary.of(servers, sizes, runs));
        report.writeTo(dir);
        System.out.println(report.markdown());
        System.err.println("written: " + dir.resolve(ComparisonReport.JSON_FILE) + ", "
                + dir.resolve(ComparisonReport.MARKDOWN_FILE));
        return runs.stream().allMatch(RunRecord::isOk) ? 0 : 1;
    }

    /** One run, repeated up to {@code --retries} times while others disturb it; the least disturbed counts. */
    private RunRecord runLeastDisturbed(QuietGate gate, ServerKind kind, int size, int round, Path logs)
            throws InterruptedException {
        RunRecord best = null;
        for (int attempt = 1; attempt <= 1 + retries; attempt++) {
            if (quietBelow >= 0) {
                gate.await(System.err);
            }
            RunRecord r = runOne(kind, size, round, attempt, logs);
            System.err.println(describe(r));
            if (best == null || !best.isOk() || (r.isOk() && r.result().otherCoresBusy() < best.result().otherCoresBusy())) {
                best = r;
            }
            if (!best.isOk() || quietBelow < 0 || best.result().otherCoresBusy() <= quietBelow) {
                break;
            }
        }
        return best;
    }

    private RunRecord runOne(ServerKind kind, int size, int round, int attempt, Path logs) throws InterruptedException {
        String tag = kind.name() + "-" + size + "B-round" + round + "-attempt" + attempt;
        ServerProcess.Spec spec = ServerProcess.Spec.of(kind.mainClass())
                .withJvmFlags(kind.jvmFlags(JVM_FLAGS).toArray(String[]::new))
                .withArgs(kind.args(serverThreads).toArray(String[]::new))
                .withLog(logs.resolve(tag + "-server.log"));
        ServerProcess server;
        try {
            server = ServerProcess.start(spec);
        } catch (Exception e) {
            return new RunRecord(kind.name(), size, round, attempt, null, "server did not start: " + e.getMessage(), false);
        }
        EchoLoadResult result = null;
        String error = null;
        try {
            List<String> echoArgs = List.of("--protocol", scenario.protocol().name(), "--port", Integer.toString(server.port()),
                    "--conns", Integer.toString(connections), "--size", Integer.toString(size),
                    "--rate", Long.toString(rate), "--ramp", DurationConverter.format(ramp),
                    "--warmup", DurationConverter.format(warmup), "--duration", DurationConverter.format(duration), "--io", clientIo,
                    "--threads", Integer.toString(clientThreads), "--server-pid", Long.toString(server.pid()));
            long timeoutSeconds = ramp.plus(warmup).plus(duration).toSeconds() + 60;
            result = GeneratorProcess.run(JVM_FLAGS, echoArgs, logs.resolve(tag + "-loadgen.log"), timeoutSeconds);
        } catch (Exception e) {
            error = e.getMessage();
        }
        ServerProcess.Stopped stopped = server.stop(Duration.ofSeconds(10));
        return new RunRecord(kind.name(), size, round, attempt, result, error, !stopped.killed());
    }

    private static String describe(RunRecord r) {
        if (!r.isOk()) {
            return String.format(Locale.ROOT, "round %d.%d %5d B %-15s FAILED: %s",
                    r.round(), r.attempt(), r.messageBytes(), r.server(), r.error());
        }
        EchoLoadResult x = r.result();
        return String.format(Locale.ROOT,
                "round %d.%d %5d B %-15s %,10.0f msgs/s  server %,7.0f ns/msg  p50 %,8.0f us  p99 %,8.0f us  rss %4.0f MiB  gen %.2f cores  other %.2f cores  errors %d",
                r.round(), r.attempt(), r.messageBytes(), r.server(), x.messagesPerSecond(), x.serverCpuNanosPerMessage(),
                x.p50Micros(), x.p99Micros(), x.serverRssBytes() / 1048576.0, x.generatorCoresUsed(),
                x.otherCoresBusy(), x.connectErrors() + x.ioErrors());
    }

    private String commandText() {
        return "java -cp bench/target/benchmarks.jar " + scenario.mainClass().getName()
                + " --servers " + String.join(",", servers) + " --conns " + connections
                + " --size " + String.join(",", sizes.stream().map(String::valueOf).toList())
                + " --duration " + DurationConverter.format(duration) + " --warmup " + DurationConverter.format(warmup)
                + " --ramp " + DurationConverter.format(ramp) + " --rounds " + rounds
                + (rate == 0 ? "" : " --rate " + rate)
                + " --server-threads " + serverThreads + " --quiet-below " + quietBelow + " --retries " + retries + " --client-threads " + clientThreads + " --client-io " + clientIo;
    }

    private Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("scenario", scenario.name());
        p.put("servers", servers);
        p.put("connections", connections);
        p.put("messageBytes", sizes);
        p.put("rampMillis", ramp.toMillis());
        p.put("warmupMillis", warmup.toMillis());
        p.put("durationMillis", duration.toMillis());
        p.put("rounds", rounds);
        p.put("ratePerSecond", rate);
        p.put("serverThreads", serverThreads);
        p.put("clientThreads", clientThreads);
        p.put("clientIo", clientIo);
        p.put("quietBelowCores", quietBelow);
        p.put("quietWaitMillis", quietWait.toMillis());
        p.put("retries", retries);
        p.put("jvmFlags", JVM_FLAGS);
        return p;
    }

    private static Map<String, String> machine() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kernel", System.getProperty("os.version"));
        m.put("processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("java", System.getProperty("java.vm.version"));
        return m;
    }
}
