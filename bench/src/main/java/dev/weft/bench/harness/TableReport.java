package dev.weft.bench.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A table run's results: rows are servers, columns connection counts; written as
 * {@code table.json} (everything), {@code table.md} (the tables and targets) and
 * {@code table.html} (the same with charts, self-contained).
 *
 * @param title e.g. {@code Weft vs Netty vs virtual threads at 1k/10k/100k connections}
 * @param command the command line, as a reader would retype it
 * @param startedAt ISO-8601 UTC time of the start
 * @param machine kernel, processors, memory, JVM, open-file limit
 * @param settings the options every cell ran with
 * @param servers row order
 * @param connectionCounts column order
 * @param processes per count, "P servers / G generators"
 * @param perfNote why there are no hardware counters, or null when there are
 * @param cells every cell, in the order run
 * @param targets the targets against these figures
 */
record TableReport(String title, String command, String startedAt, Map<String, String> machine,
                   Map<String, Object> settings, List<String> servers, List<Integer> connectionCounts,
                   Map<Integer, String> processes, String perfNote, List<Cell> cells, List<TargetCheck> targets) {

    static final String JSON_FILE = "table.json";
    static final String MARKDOWN_FILE = "table.md";
    static final String HTML_FILE = "table.html";

    void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(JSON_FILE).toFile(), this);
        Files.writeString(dir.resolve(MARKDOWN_FILE), markdown());
        Files.writeString(dir.resolve(HTML_FILE), HtmlReport.render(this));
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("### ").append(title).append("\n\n").append(startedAt).append("\n\n```\n").append(command)
                .append("\n```\n\n").append(machineLine()).append("\n\n").append(processLine()).append("\n\n");
        for (TableGrid g : grids()) {
            md.append(g.markdown()).append('\n');
        }
        md.append("**Targets**\n\n");
        for (TargetCheck t : targets) {
            md.append("- ").append(t.target()).append(": **").append(t.verdict()).append("**")
                    .append(t.measured().isEmpty() ? "" : " (" + t.measured() + ")").append('\n');
        }
        md.append('\n').append(perfLine()).append('\n');
        List<Cell> failed = cells.stream().filter(c -> !c.isOk()).toList();
        if (!failed.isEmpty()) {
            md.append("\nFailed cells:\n");
            failed.forEach(c -> md.append("- ").append(c.scenario()).append(' ').append(c.server()).append(' ')
                    .append(TargetCheck.label(c.connections())).append(": ").append(c.error()).append('\n'));
        }
        return md.toString();
    }

    String machineLine() {
        return "Machine: " + machine.get("processors") + " processors, " + machine.get("memory") + ", Linux "
                + machine.get("kernel") + ", JDK " + machine.get("java") + ", open files per process "
                + machine.get("openFiles") + ".";
    }

    String processLine() {
        List<String> parts = new ArrayList<>();
        connectionCounts.forEach(n -> parts.add(TargetCheck.label(n) + ": " + processes.get(n)));
        return "Processes (server processes sharing the port with SO_REUSEPORT / generator processes): "
                + String.join("; ", parts) + ". Every JVM: " + settings.get("jvmFlags") + "; window "
                + settings.get("duration") + " after a " + settings.get("warmup") + " warm-up, one round.";
    }

    String perfLine() {
        return perfNote == null ? "Hardware counters (perf stat) per server process are in " + JSON_FILE + "."
                : "Hardware counters: skipped, " + perfNote + ".";
    }

    /** The report's tables: echo CPU and rate, echo latency, idle memory, connect rate (those that were run). */
    List<TableGrid> grids() {
        List<TableGrid> out = new ArrayList<>();
        if (has("echo")) {
            out.add(grid("Echo " + settings.get("messageBytes") + " B: server CPU ns/message (messages/s)", "echo",
                    c -> {
                        Cell.Echo e = (Cell.Echo) c;
                        return String.format(Locale.ROOT, "%,.0f (%,.0f/s)", e.serverCpuNanosPerMessage(),
                                e.messagesPerSecond());
                    }, "Server CPU is user + system time of all server processes over the window, from /proc/<pid>/stat."));
            out.add(grid("Echo latency: p50 / p99 µs", "echo", c -> {
                Cell.Echo e = (Cell.Echo) c;
                return String.format(Locale.ROOT, "%,.0f / %,.0f", e.p50Micros(), e.p99Micros());
            }, "With several generators: p50 weighted by messages, p99 the worst generator's."));
            out.add(grid("Echo: server RSS MiB, generator cores, other cores", "echo", c -> {
                Cell.Echo e = (Cell.Echo) c;
                return String.format(Locale.ROOT, "%,.0f, %.2f, %.2f", e.serverRssBytes() / 1048576.0,
                        e.generatorCores(), e.otherCores());
            }, "Other cores: CPU neither the servers nor the generators used (other processes); above ~0.3 a cell was disturbed."));
        }
        if (has("idle")) {
            out.add(grid("Idle connections: server memory per connection, RSS / live heap (bytes)", "idle", c -> {
                Cell.Idle i = (Cell.Idle) c;
                return String.format(Locale.ROOT, "%,.0f / %,.0f", i.rssBytesPerConnection(), i.heapBytesPerConnection());
            }, "RSS after minus before, over the connections open; live heap after a full GC (jcmd GC.class_histogram), "
                    + "likewise. Summed over server processes."));
        }
        if (has("connect")) {
            out.add(grid("Connect: connections/s (server CPU ns/connection)", "connect", c -> {
                Cell.Connect k = (Cell.Connect) c;
                return String.format(Locale.ROOT, "%,.0f (%,.0f)", k.connectsPerSecond(), k.serverCpuNanosPerConnect());
            }, "Columns are the connections being opened at once; each is closed as soon as it is open."));
        }
        return out;
    }

    private boolean has(String scenario) {
        return cells.stream().anyMatch(c -> c.scenario().equals(scenario));
    }

    private TableGrid grid(String gridTitle, String scenario, Function<Cell, String> format, String note) {
        List<String> header = new ArrayList<>(List.of("server"));
        connectionCounts.forEach(n -> header.add(TargetCheck.label(n)));
        List<List<String>> rows = new ArrayList<>();
        for (String server : servers) {
            List<String> row = new ArrayList<>(List.of(server));
            for (int n : connectionCounts) {
                Optional<Cell> c = cell(scenario, server, n);
                row.add(c.isEmpty() ? "–" : c.get().isOk() ? format.apply(c.get()) : "failed");
            }
            rows.add(row);
        }
        return new TableGrid(gridTitle, header, rows, note);
    }

    Optional<Cell> cell(String scenario, String server, int n) {
        return cells.stream().filter(c -> c.scenario().equals(scenario) && c.server().equals(server)
                && c.connections() == n).findFirst();
    }

    /** Per server, one value per connection count (NaN where missing or failed), for the charts. */
    double[] series(String scenario, String server, java.util.function.ToDoubleFunction<Cell> value) {
        double[] v = new double[connectionCounts.size()];
        for (int i = 0; i < v.length; i++) {
            Optional<Cell> c = cell(scenario, server, connectionCounts.get(i));
            v[i] = c.isPresent() && c.get().isOk() ? value.applyAsDouble(c.get()) : Double.NaN;
        }
        return v;
    }
}
