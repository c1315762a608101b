package dev.weft.bench.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything one comparison produced: how it was run, every run, and the per-server medians;
 * written as {@code comparison.json} and {@code comparison.md}.
 *
 * @param title what was compared, e.g. {@code TCP echo}
 * @param command the command line, as a reader would retype it
 * @param startedAt ISO-8601 UTC time of the start
 * @param machine kernel, processors and JVM the comparison ran on
 * @param parameters the options given
 * @param runs every run in the order run
 * @param summaries one per server and message size
 */
record ComparisonReport(String title, String command, String startedAt, Map<String, String> machine,
                        Map<String, Object> parameters, List<RunRecord> runs, List<ServerSummary> summaries) {

    static final String JSON_FILE = "comparison.json";
    static final String MARKDOWN_FILE = "comparison.md";
    /** Median busy cores of other processes above which the table warns that runs were disturbed. */
    static final double DISTURBED_CORES = 0.25;

    void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(JSON_FILE).toFile(), this);
        Files.writeString(dir.resolve(MARKDOWN_FILE), markdown());
    }

    /** The summaries as one Markdown table per message size, with the command and date above. */
    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(title).append(" comparison, ").append(startedAt).append('\n').append('\n');
        md.append("```\n").append(command).append("\n```\n\n");
        md.append("Machine: ").append(machine.get("processors")).append(" processors, Linux ")
                .append(machine.get("kernel")).append(", JDK ").append(machine.get("java")).append(".\n");
        int previousSize = -1;
        for (ServerSummary s : summaries) {
            if (s.messageBytes() != previousSize) {
                previousSize = s.messageBytes();
                md.append("\n**").append(s.messageBytes()).append(" B messages**")
                        .append(s.bestNetty() == null ? "" : " (ratios vs " + s.bestNetty() + ")").append("\n\n");
                md.append("| server | msgs/s | server CPU ns/msg | CPU vs best Netty | msgs/s vs best Netty "
                        + "| p50 µs | p99 µs | server RSS MiB | generator cores | other cores | errors | runs |\n");
                md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            }
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %d | %d%s |%n",
                    s.server(), number(s.messagesPerSecond(), "%,.0f"), number(s.serverCpuNanosPerMessage(), "%,.0f"),
                    number(s.cpuVsBestNetty(), "%.2f×"), number(s.throughputVsBestNetty(), "%.2f×"),
                    number(s.p50Micros(), "%,.0f"), number(s.p99Micros(), "%,.0f"),
                    number(s.serverRssBytes() / 1048576.0, "%.0f"), number(s.generatorCoresUsed(), "%.2f"),
                    number(s.otherCoresBusy(), "%.2f"),
                    s.errors(), s.runs(), s.failedRuns() == 0 ? "" : " (" + s.failedRuns() + " failed)"));
        }
        if (summaries.stream().anyMatch(s -> s.otherCoresBusy() > DISTURBED_CORES)) {
            md.append(String.format(Locale.ROOT, "%n*Other cores* above %.2f: other processes used the machine during "
                    + "those runs, so their throughput and latency are less reliable than their CPU per message.%n",
                    DISTURBED_CORES));
        }
        return md.toString();
    }

    private static String number(double v, String format) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, format, v);
    }
}
