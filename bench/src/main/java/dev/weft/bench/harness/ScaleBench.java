package dev.weft.bench.harness;

import dev.weft.bench.loadgen.DurationConverter;
import dev.weft.bench.loadgen.OpenFilesBudget;
import dev.weft.io.linux.OpenFilesLimit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
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
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Servers compared across connection counts ({@code ./weft bench table}, and one scenario at a
 * time with {@code ./weft bench echo|connect|idle}): for each scenario, each connection count
 * and each server in turn, a cell ({@link CellRunner}) over as many server and generator
 * processes as the count needs ({@link ProcessPlan}); the results as {@link TableReport}.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.weft.bench.harness.ScaleBench table --conns 1000,10000 --duration 5s</pre>
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        subcommands = {ScaleBench.Table.class, ScaleBench.Echo.class, ScaleBench.Connect.class, ScaleBench.Idle.class},
        description = "TCP servers compared across connection counts: echo CPU per message, connect rate, idle memory.")
public final class ScaleBench {

    /** Rows of the seed's table. */
    static final List<String> DEFAULT_SERVERS = List.of("weft-io_uring", "weft-epoll", "weft-nio", "netty-io_uring",
            "netty-epoll", "vthreads");

    private ScaleBench() {}

    public static void main(String[] args) {
        // Interrupted (Ctrl-C, SIGTERM): stop the servers and generators this run started, not leave them behind.
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy), "stop-children"));
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(ScaleBench.class);
        cli.registerConverter(Duration.class, new DurationConverter());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println("bench: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }

    /** What every subcommand shares; {@link #scenarios()} says which scenarios it runs. */
    abstract static class Run implements Callable<Integer> {
        @Option(names = {"--servers", "--server"}, split = ",", description = "rows, in order (default: "
                + "weft-io_uring,weft-epoll,weft-nio,netty-io_uring,netty-epoll,vthreads)")
        List<String> servers = DEFAULT_SERVERS;
        @Option(names = "--conns", split = ",", description = "connection counts, the columns (default ${DEFAULT-VALUE})")
        List<Integer> conns = defaultConns();
        @Option(names = "--size", description = "echo message bytes (default ${DEFAULT-VALUE})")
        int size = 64;
        @Option(names = "--duration", description = "measured window per cell (default ${DEFAULT-VALUE})")
        Duration duration = Duration.ofSeconds(5);
        @Option(names = "--warmup", description = "unmeasured time after the ramp (default ${DEFAULT-VALUE})")
        Duration warmup = Duration.ofSeconds(2);
        @Option(names = "--ramp", description = "time over which connections open (default: 1 s per 3,000 connections, at least 1 s)")
        Duration ramp;
        @Option(names = "--server-processes", description = "server processes sharing the port (default: as the "
                + "connection count and the open-file limit need)")
        int serverProcesses = 0;
        @Option(names = "--generators", description = "generator processes (default: as the connection count and "
                + "the open-file limit need)")
        int generators = 0;
        @Option(names = "--server-threads", description = "event loops / workers / carriers per server process (default ${DEFAULT-VALUE})")
        int serverThreads = 1;
        @Option(names = "--client-threads", description = "workers per generator process (default ${DEFAULT-VALUE})")
        int clientThreads = 1;
        @Option(names = "--client-io", description = "generators' I/O backend (default ${DEFAULT-VALUE})")
        String clientIo = "io_uring";
        @Option(names = "--no-perf", description = "do not try perf stat on the servers")
        boolean noPerf;
        @Option(names = "--out", description = "results directory (default: results/table-<UTC time>)")
        Path out;

        abstract List<String> scenarios();

        List<Integer> defaultConns() {
            return List.of(1000);
        }

        @Override
        public Integer call() throws IOException {
            if (conns.stream().anyMatch(n -> n < 1)) {
                throw new IllegalArgumentException("--conns must all be positive; was " + conns);
            }
            if (serverProcesses < 0 || generators < 0 || serverThreads < 1 || clientThreads < 1) {
                throw new IllegalArgumentException("--server-processes and --generators must be >= 0 (0 = choose), "
                        + "--server-threads and --client-threads >= 1");
            }
            List<ServerKind> kinds = servers.stream().map(s -> ServerKind.named(ServerKind.TCP, s)).toList();
            Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Path dir = out != null ? out : Path.of("results", "table-"
                    + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(startedAt));
            Path logs = dir.resolve("logs");
            Files.createDirectories(logs);
            ScaleSettings settings = new ScaleSettings(size, ramp, warmup, duration, serverProcesses, generators,
                    serverThreads, clientThreads, clientIo, EchoComparison.JVM_FLAGS, !noPerf, dir);
            CellRunner runner = new CellRunner(settings, logs, System.err);
            Map<Integer, String> processes = new LinkedHashMap<>();
            for (int n : conns) {
                try {
                    ProcessPlan p = runner.plan(n);
                    processes.put(n, p.servers() + " / " + p.generators());
                } catch (IllegalArgumentException e) {
                    processes.put(n, "not run: " + e.getMessage());
                }
            }
            List<Cell> cells = new ArrayList<>();
            for (String scenario : scenarios()) {
                for (int n : conns) {
                    for (ServerKind kind : kinds) {
                        Cell c = switch (scenario) {
                            case "echo" -> runner.echo(kind, n);
                            case "connect" -> runner.connect(kind, n);
                            case "idle" -> runner.idle(kind, n);
                            default -> throw new IllegalArgumentException("unknown scenario '" + scenario
                                    + "'; known: echo, connect, idle");
                        };
                        System.err.println(CellLine.of(c));
                        cells.add(c);
                    }
                }
            }
            TableReport report = new TableReport("TCP servers at " + String.join("/",
                    conns.stream().map(TargetCheck::label).toList()) + " connections", commandText(),
                    startedAt.toString(), machine(), settings(settings), servers, conns, processes,
                    runner.perfUnavailable(), cells, TargetCheck.evaluate(cells, conns));
            report.writeTo(dir);
            System.out.println(report.markdown());
            System.err.println("written: " + dir.resolve(TableReport.JSON_FILE) + ", "
                    + dir.resolve(TableReport.MARKDOWN_FILE) + ", " + dir.resolve(TableReport.HTML_FILE));
            return cells.stream().allMatch(Cell::isOk) ? 0 : 1;
        }

        private String commandText() {
            String name = getClass().getAnnotation(Command.class).name();
            return "./weft bench " + name + " --servers " + String.join(",", servers) + " --conns "
                    + String.join(",", conns.stream().map(String::valueOf).toList())
                    + (scenarios().size() > 1 || this instanceof Table ? " --scenarios " + String.join(",", scenarios()) : "")
                    + " --size " + size + " --duration " + DurationConverter.format(duration)
                    + " --warmup " + DurationConverter.format(warmup)
                    + (ramp == null ? "" : " --ramp " + DurationConverter.format(ramp))
                    + (serverProcesses == 0 ? "" : " --server-processes " + serverProcesses)
                    + (generators == 0 ? "" : " --generators " + generators)
                    + " --server-threads " + serverThreads + " --client-threads " + clientThreads
                    + " --client-io " + clientIo + (noPerf ? " --no-perf" : "");
        }

        private Map<String, Object> settings(ScaleSettings s) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("messageBytes", s.messageBytes());
            m.put("duration", DurationConverter.format(s.duration()));
            m.put("warmup", DurationConverter.format(s.warmup()));
            m.put("ramp", s.ramp() == null ? "1 s per " + ScaleSettings.CONNECTS_PER_SECOND + " connections" : DurationConverter.format(s.ramp()));
            m.put("serverThreads", s.serverThreads());
            m.put("clientThreads", s.clientThreads());
            m.put("clientIo", s.clientIo());
            m.put("jvmFlags", String.join(" ", s.jvmFlags()));
            m.put("rounds", 1);
            return m;
        }
    }

    @Command(name = "table", mixinStandardHelpOptions = true,
            description = "The whole table: every server at every connection count, echo and idle (and connect if asked).")
    static final class Table extends Run {
        @Option(names = "--scenarios", split = ",", description = "echo, idle, connect (default ${DEFAULT-VALUE})")
        List<String> scenarios = List.of("echo", "idle");

        @Override
        List<String> scenarios() {
            return scenarios;
        }

        @Override
        List<Integer> defaultConns() {
            return List.of(1000, 10000, 100000);
        }
    }

    @Command(name = "echo", mixinStandardHelpOptions = true,
            description = "Echo cells: N connections each sending a message and waiting for its echo.")
    static final class Echo extends Run {
        @Override
        List<String> scenarios() {
            return List.of("echo");
        }
    }

    @Command(name = "connect", mixinStandardHelpOptions = true,
            description = "Connect cells: N connectors opening and at once closing connections; connections/s.")
    static final class Connect extends Run {
        @Override
        List<String> scenarios() {
            return List.of("connect");
        }
    }

    @Command(name = "idle", mixinStandardHelpOptions = true,
            description = "Idle cells: N connections held open; server RSS and live heap per connection.")
    static final class Idle extends Run {
        @Override
        List<String> scenarios() {
            return List.of("idle");
        }
    }

    static Map<String, String> machine() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kernel", System.getProperty("os.version"));
        m.put("processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("memory", memory());
        m.put("java", System.getProperty("java.vm.version"));
        OpenFilesLimit l = OpenFilesBudget.raise();
        m.put("openFiles", l.soft() + " soft / " + l.hard() + " hard");
        return m;
    }

    private static String memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> String.format(java.util.Locale.ROOT, "%.0f GiB",
                            Long.parseLong(l.replaceAll("\\D", "")) / 1048576.0))
                    .findFirst().orElse("unknown memory");
        } catch (IOException e) {
            return "unknown memory";
        }
    }
}
