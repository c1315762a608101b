package dev.weft.bench.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.bench.loadgen.ConnectLoadResult;
import dev.weft.bench.loadgen.DurationConverter;
import dev.weft.bench.loadgen.EchoLoadResult;
import dev.weft.bench.loadgen.IdleLoadResult;
import dev.weft.bench.loadgen.OpenFilesBudget;
import dev.weft.bench.proc.GroupCpuSample;
import dev.weft.io.linux.OpenFilesLimit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs one cell: start the P server processes, run the G generators of the scenario against
 * them with the live progress line on, gather and sum what they measured, stop the servers.
 * A failure ends the cell with its error, never the table.
 */
final class CellRunner {

    /** Pause after the idle connections are open before measuring, so accepts and their tasks have settled. */
    private static final long IDLE_SETTLE_MILLIS = 1_000;

    private final ScaleSettings settings;
    private final Path logs;
    private final PrintStream console;
    private final OpenFilesLimit limit;
    /** Why perf counters are not read, or null when they are. */
    private final String perfUnavailable;
    private final ObjectMapper json = new ObjectMapper();

    CellRunner(ScaleSettings settings, Path logs, PrintStream console) {
        this.settings = settings;
        this.logs = logs;
        this.console = console;
        this.limit = OpenFilesBudget.raise();
        this.perfUnavailable = settings.perf() ? PerfStat.probe() : "not requested";
    }

    String perfUnavailable() {
        return perfUnavailable;
    }

    ProcessPlan plan(int connections) {
        return ProcessPlan.of(connections, limit, settings.serverProcesses(), settings.generators());
    }

    Cell.Echo echo(ServerKind kind, int connections) {
        ProcessPlan plan;
        try {
            plan = plan(connections);
        } catch (IllegalArgumentException e) {
            return failedEcho(kind, connections, 0, 0, e.getMessage());
        }
        String tag = "echo-" + kind.name() + "-" + connections;
        ServerGroup servers;
        try {
            servers = ServerGroup.start(kind, plan.servers(), settings.serverThreads(), settings.jvmFlags(), logs, tag);
        } catch (Exception e) {
            return failedEcho(kind, connections, plan.servers(), plan.generators(), "server did not start: " + e.getMessage());
        }
        try (servers; LiveProgress live = new LiveProgress(console, label("echo", kind, connections, plan), plan.generators())) {
            List<List<String>> args = new ArrayList<>();
            for (int g = 0; g < plan.generators(); g++) {
                List<String> a = new ArrayList<>(List.of("echo", "--port", Integer.toString(servers.port()),
                        "--conns", Integer.toString(plan.perGenerator().get(g)),
                        "--size", Integer.toString(settings.messageBytes()),
                        "--ramp", DurationConverter.format(settings.rampFor(connections)),
                        "--warmup", DurationConverter.format(settings.warmup()),
                        "--duration", DurationConverter.format(settings.duration())));
                a.addAll(common(servers, plan, g));
                args.add(a);
            }
            GeneratorGroup generators = GeneratorGroup.start(settings.jvmFlags(), args, logs, tag, live);
            try (generators) {
                PerfStat perf = null;
                if (perfUnavailable == null) {
                    // Progress lines come once a second: the counters start within a second of the window.
                    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds(connections));
                    while (!live.allIn("measure") && System.nanoTime() - giveUp < 0) {
                        Thread.sleep(50);
                    }
                    perf = PerfStat.start(servers.pids(), settings.duration().toMillis() / 1e3, logs, tag);
                }
                List<EchoLoadResult> results = new ArrayList<>();
                for (String r : generators.results(timeoutSeconds(connections))) {
                    results.add(json.readValue(r, EchoLoadResult.class));
                }
                Map<String, Long> counters = perf == null ? Map.of() : perf.finish();
                return sumEcho(kind, connections, plan, results, counters);
            }
        } catch (Exception e) {
            return failedEcho(kind, connections, plan.servers(), plan.generators(), e.getMessage());
        } finally {
            stopQuietly(servers);
        }
    }

    Cell.Connect connect(ServerKind kind, int connectors) {
        ProcessPlan plan;
        try {
            plan = plan(connectors);
        } catch (IllegalArgumentException e) {
            return new Cell.Connect(kind.name(), connectors, 0, 0, e.getMessage(), Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, 0, Double.NaN);
        }
        String tag = "connect-" + kind.name() + "-" + connectors;
        try (ServerGroup servers = ServerGroup.start(kind, plan.servers(), settings.serverThreads(), settings.jvmFlags(),
                logs, tag);
             LiveProgress live = new LiveProgress(console, label("connect", kind, connectors, plan), plan.generators())) {
            List<List<String>> args = new ArrayList<>();
            for (int g = 0; g < plan.generators(); g++) {
                List<String> a = new ArrayList<>(List.of("connect", "--port", Integer.toString(servers.port()),
                        "--conns", Integer.toString(plan.perGenerator().get(g)),
                        "--warmup", DurationConverter.format(settings.warmup()),
                        "--duration", DurationConverter.format(settings.duration())));
                a.addAll(common(servers, plan, g));
                args.add(a);
            }
            List<ConnectLoadResult> results = new ArrayList<>();
            try (GeneratorGroup generators = GeneratorGroup.start(settings.jvmFlags(), args, logs, tag, live)) {
                for (String r : generators.results(timeoutSeconds(connectors))) {
                    results.add(json.readValue(r, ConnectLoadResult.class));
                }
            }
            stopQuietly(servers);
            ConnectLoadResult first = results.get(0);
            double perSecond = results.stream().mapToDouble(ConnectLoadResult::connectsPerSecond).sum();
            double serverCores = first.serverCpuNanos() / (first.windowNanos() / 1e9) / 1e9;
            return new Cell.Connect(kind.name(), connectors, plan.servers(), plan.generators(), null, perSecond,
                    perSecond == 0 ? Double.NaN : serverCores * 1e9 / perSecond,
                    weighted(results, ConnectLoadResult::p50Micros, ConnectLoadResult::connects),
                    results.stream().mapToDouble(ConnectLoadResult::p99Micros).max().orElse(Double.NaN),
                    results.stream().mapToLong(ConnectLoadResult::connectErrors).sum(),
                    results.stream().mapToDouble(ConnectLoadResult::generatorCoresUsed).sum());
        } catch (Exception e) {
            return new Cell.Connect(kind.name(), connectors, plan.servers(), plan.generators(), e.getMessage(), Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN);
        }
    }

    Cell.Idle idle(ServerKind kind, int connections) {
        ProcessPlan plan;
        try {
            plan = plan(connections);
        } catch (IllegalArgumentException e) {
            return failedIdle(kind, connections, 0, 0, e.getMessage());
        }
        String tag = "idle-" + kind.name() + "-" + connections;
        try (ServerGroup servers = ServerGroup.start(kind, plan.servers(), settings.serverThreads(), settings.jvmFlags(),
                logs, tag);
             LiveProgress live = new LiveProgress(console, label("idle", kind, connections, plan), plan.generators())) {
            Thread.sleep(IDLE_SETTLE_MILLIS);
            long heapBefore = liveHeap(servers.pids());
            long rssBefore = GroupCpuSample.rssBytes(servers.pids());
            List<List<String>> args = new ArrayList<>();
            for (int g = 0; g < plan.generators(); g++) {
                List<String> a = new ArrayList<>(List.of("idle", "--port", Integer.toString(servers.port()),
                        "--conns", Integer.toString(plan.perGenerator().get(g)),
                        "--ramp", DurationConverter.format(settings.rampFor(connections)), "--hold", "10m"));
                a.addAll(common(servers, plan, g));
                args.add(a);
            }
            List<IdleLoadResult> results = new ArrayList<>();
            int open;
            long heapAfter;
            long rssAfter;
            try (GeneratorGroup generators = GeneratorGroup.start(settings.jvmFlags(), args, logs, tag, live)) {
                open = generators.awaitHolding(timeoutSeconds(connections));
                Thread.sleep(IDLE_SETTLE_MILLIS);
                heapAfter = liveHeap(servers.pids());
                rssAfter = GroupCpuSample.rssBytes(servers.pids());
                generators.release();
                for (String r : generators.results(60)) {
                    results.add(json.readValue(r, IdleLoadResult.class));
                }
            }
            stopQuietly(servers);
            long errors = results.stream().mapToLong(IdleLoadResult::connectErrors).sum();
            return new Cell.Idle(kind.name(), connections, plan.servers(), plan.generators(),
                    open == 0 ? "no connection opened" : null, open, rssBefore, rssAfter, heapBefore, heapAfter,
                    open == 0 ? Double.NaN : (double) (rssAfter - rssBefore) / open,
                    open == 0 ? Double.NaN : (double) (heapAfter - heapBefore) / open, errors);
        } catch (Exception e) {
            return failedIdle(kind, connections, plan.servers(), plan.generators(), e.getMessage());
        }
    }

    /** Options every generator gets: its io, threads, the server pids, its source addresses. */
    private List<String> common(ServerGroup servers, ProcessPlan plan, int g) {
        return List.of("--io", settings.clientIo(), "--threads", Integer.toString(settings.clientThreads()),
                "--server-pid", servers.pids().stream().map(String::valueOf).collect(Collectors.joining(",")),
                "--source-addresses", Integer.toString(plan.sources().get(g).count()),
                "--source-first", Integer.toString(plan.sources().get(g).first()));
    }

    /** The phases, the generators' grace for late connects (30 s) and JVM start and stop. */
    private long timeoutSeconds(int connections) {
        return settings.rampFor(connections).plus(settings.warmup()).plus(settings.duration()).toSeconds() + 120;
    }

    private static long liveHeap(List<Long> pids) throws IOException, InterruptedException {
        long sum = 0;
        for (long pid : pids) {
            sum += HeapHistogram.liveBytes(pid);
        }
        return sum;
    }

    private Cell.Echo sumEcho(ServerKind kind, int connections, ProcessPlan plan, List<EchoLoadResult> rs,
                              Map<String, Long> perf) {
        EchoLoadResult first = rs.get(0);
        double msgs = rs.stream().mapToDouble(EchoLoadResult::messagesPerSecond).sum();
        double window = first.windowNanos() / 1e9;
        double serverCores = first.serverCpuNanos() / window / 1e9;
        double generatorCores = rs.stream().mapToDouble(EchoLoadResult::generatorCoresUsed).sum();
        return new Cell.Echo(kind.name(), connections, plan.servers(), plan.generators(), null, settings.messageBytes(),
                rs.stream().mapToInt(EchoLoadResult::openAtStart).sum(), msgs,
                msgs == 0 ? Double.NaN : serverCores * 1e9 / msgs,
                weighted(rs, EchoLoadResult::p50Micros, EchoLoadResult::messages),
                rs.stream().mapToDouble(EchoLoadResult::p90Micros).max().orElse(Double.NaN),
                rs.stream().mapToDouble(EchoLoadResult::p99Micros).max().orElse(Double.NaN),
                rs.stream().mapToDouble(EchoLoadResult::p999Micros).max().orElse(Double.NaN),
                first.serverRssBytes(), serverCores, generatorCores,
                Math.max(0, first.machineCoresBusy() - generatorCores - serverCores),
                rs.stream().mapToLong(r -> r.connectErrors() + r.ioErrors()).sum(), perf);
    }

    private static <T> double weighted(List<T> rs, java.util.function.ToDoubleFunction<T> value,
                                       java.util.function.ToLongFunction<T> weight) {
        double sum = 0;
        long total = 0;
        for (T r : rs) {
            sum += value.applyAsDouble(r) * weight.applyAsLong(r);
            total += weight.applyAsLong(r);
        }
        return total == 0 ? Double.NaN : sum / total;
    }

    private Cell.Echo failedEcho(ServerKind kind, int connections, int p, int g, String error) {
        console.println(label("echo", kind, connections, null) + ": FAILED: " + error);
        return new Cell.Echo(kind.name(), connections, p, g, error, settings.messageBytes(), 0, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN, 0, Map.of());
    }

    private Cell.Idle failedIdle(ServerKind kind, int connections, int p, int g, String error) {
        console.println(label("idle", kind, connections, null) + ": FAILED: " + error);
        return new Cell.Idle(kind.name(), connections, p, g, error, 0, 0, 0, 0, 0, Double.NaN, Double.NaN, 0);
    }

    private void stopQuietly(ServerGroup servers) {
        try {
            servers.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String label(String scenario, ServerKind kind, int connections, ProcessPlan plan) {
        return String.format(Locale.ROOT, "%s %s %,d conns%s", scenario, kind.name(), connections,
                plan == null ? "" : " (" + plan.servers() + " server, " + plan.generators() + " generator processes)");
    }
}
