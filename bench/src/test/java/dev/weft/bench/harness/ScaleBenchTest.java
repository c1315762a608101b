package dev.weft.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A tiny table through the whole harness: echo, connect and idle against one Weft and one Netty
 * server; one echo cell over two server processes sharing the port and two generator processes;
 * then the HTML report in a real headless Chromium.
 */
class ScaleBenchTest {

    private static final List<String> CHROMIUM = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");

    @TempDir
    static Path out;
    private static int status;
    private static JsonNode report;
    private static int multiStatus;
    private static JsonNode multi;

    @BeforeAll
    static void runATinyTable() throws Exception {
        status = ScaleBench.commandLine().execute("table", "--servers", "weft-epoll,netty-nio", "--conns", "20",
                // 1.5 s: a connect whose SYN met a full accept queue (a server stalled by a loaded machine)
                // is retried only after 1 s, and the window must still see connects complete.
                "--scenarios", "echo,connect,idle", "--ramp", "200ms", "--warmup", "500ms", "--duration", "1500ms",
                "--client-io", "auto", "--no-perf", "--out", out.resolve("table").toString());
        report = new ObjectMapper().readTree(out.resolve("table").resolve(TableReport.JSON_FILE).toFile());
        multiStatus = ScaleBench.commandLine().execute("echo", "--server", "weft-epoll", "--conns", "20",
                "--server-processes", "2", "--generators", "2", "--ramp", "200ms", "--warmup", "500ms",
                "--duration", "500ms", "--client-io", "auto", "--no-perf", "--out", out.resolve("multi").toString());
        multi = new ObjectMapper().readTree(out.resolve("multi").resolve(TableReport.JSON_FILE).toFile());
    }

    @Test
    void anEchoCellRunsOverTwoServerProcessesSharingThePortAndTwoGenerators() {
        assertThat(multiStatus).as("exit status; cells: %s", multi.get("cells")).isZero();
        JsonNode cell = multi.get("cells").get(0);
        assertThat(cell.get("serverProcesses").asInt()).as("%s", cell).isEqualTo(2);
        assertThat(cell.get("generators").asInt()).as("%s", cell).isEqualTo(2);
        assertThat(cell.get("messagesPerSecond").asDouble()).as("%s", cell).isPositive();
        assertThat(cell.get("serverCpuNanosPerMessage").asDouble()).as("%s", cell).isPositive();
        assertThat(multi.get("processes").get("20").asText()).isEqualTo("2 / 2");
    }

    @Test
    void everyScenarioRanOnBothServers() {
        assertThat(status).as("exit status; cells: %s", report.get("cells")).isZero();
        JsonNode cells = report.get("cells");
        assertThat(cells).hasSize(6);
        for (JsonNode c : cells) {
            String what = c.get("server").asText() + " " + c.get("connections");
            assertThat(c.get("error").isNull()).as("error of %s: %s", what, c.get("error")).isTrue();
            assertThat(c.get("serverProcesses").asInt()).as("server processes of %s", what).isEqualTo(1);
            assertThat(c.get("generators").asInt()).as("generators of %s", what).isEqualTo(1);
        }
        for (JsonNode e : scenario(cells, "messagesPerSecond")) {
            // How many were open when the window began depends on the machine's load; idle checks all 20 open.
            assertThat(e.get("messagesPerSecond").asDouble()).as("echo rate, %s", e).isPositive();
            assertThat(e.get("serverCpuNanosPerMessage").asDouble()).as("server CPU, %s", e).isPositive();
            assertThat(e.get("errors").asLong()).as("errors, %s", e).isZero();
        }
        for (JsonNode k : scenario(cells, "connectsPerSecond")) {
            assertThat(k.get("connectsPerSecond").asDouble()).as("connect rate, %s", k).isPositive();
        }
        for (JsonNode i : scenario(cells, "rssBytesPerConnection")) {
            assertThat(i.get("open").asInt()).as("idle connections open, %s", i).isEqualTo(20);
            assertThat(i.get("heapAfterBytes").asLong()).as("live heap read, %s", i).isPositive();
        }
    }

    @Test
    void markdownHasOneRowPerServerAndOneColumnPerCount() throws Exception {
        String md = Files.readString(out.resolve("table").resolve(TableReport.MARKDOWN_FILE));
        assertThat(md).contains("| server | 20 |", "| weft-epoll | ", "| netty-nio | ",
                "**Echo 64 B: server CPU ns/message (messages/s)**", "**Idle connections", "**Connect",
                "20: 1 / 1", "Hardware counters: skipped, not requested");
    }

    @Test
    void theHtmlReportRendersItsTablesAndChartsInHeadlessChromium() throws Exception {
        Path chromium = CHROMIUM.stream().map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        if (Boolean.getBoolean("weft.requireChromium")) {
            assertThat(chromium).as("chromium (weft.requireChromium is set; looked for %s)", CHROMIUM).isNotNull();
        }
        assumeTrue(chromium != null, "chromium not installed (apt-get install chromium)");
        Path profile = Files.createTempDirectory("weft-chromium-");
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--dump-dom",
                out.resolve("table").resolve(TableReport.HTML_FILE).toUri().toString())
                .redirectError(profile.resolve("chromium.log").toFile()).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();

        assertThat(dom).as("DOM as Chromium built it").contains("<table>", "<th scope=\"row\">weft-epoll</th>",
                "<th scope=\"row\">netty-nio</th>");
        assertThat(dom).contains("<svg", "Echo throughput", "Memory per idle connection (RSS)", "Connection rate");
        assertThat(dom).contains("data-series=\"weft-epoll\"", "data-series=\"netty-nio\"");
        assertThat(dom).doesNotContain("<script");
    }

    private static List<JsonNode> scenario(JsonNode cells, String field) {
        List<JsonNode> out = new java.util.ArrayList<>();
        cells.forEach(c -> {
            if (c.has(field)) {
                out.add(c);
            }
        });
        assertThat(out).as("cells with %s", field).hasSize(2);
        return out;
    }
}
