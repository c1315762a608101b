package dev.weft.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TcpEchoComparisonTest {

    @Test
    void oneTinyRoundOfTwoServersWritesJsonAndMarkdown(@TempDir Path out) throws Exception {
        int status = TcpEchoComparison.commandLine().execute(
                "--servers", "weft-nio,netty-nio", "--conns", "20", "--size", "64",
                "--ramp", "200ms", "--warmup", "300ms", "--duration", "1s", "--rounds", "1",
                "--client-io", "auto", "--quiet-below", "-1", "--out", out.toString());

        assertThat(status).as("exit status").isZero();
        JsonNode json = new ObjectMapper().readTree(out.resolve(ComparisonReport.JSON_FILE).toFile());
        assertThat(json.get("runs")).hasSize(2);
        for (JsonNode run : json.get("runs")) {
            assertThat(run.get("error").isNull()).as("error of %s", run.get("server")).isTrue();
            assertThat(run.get("serverStoppedCleanly").asBoolean()).as("clean stop of %s", run.get("server")).isTrue();
            JsonNode result = run.get("result");
            assertThat(result.get("messages").asLong()).as("messages of %s", run.get("server")).isPositive();
            assertThat(result.get("openAtStart").asInt()).isEqualTo(20);
            assertThat(result.get("serverPid").asLong()).isPositive();
            assertThat(result.get("serverRssBytes").asLong()).isPositive();
        }
        JsonNode summaries = json.get("summaries");
        assertThat(summaries).hasSize(2);
        assertThat(summaries.get(0).get("server").asText()).isEqualTo("weft-nio");
        assertThat(summaries.get(1).get("bestNetty").asText()).isEqualTo("netty-nio");
        assertThat(summaries.get(1).get("cpuVsBestNetty").asDouble()).as("netty vs itself").isEqualTo(1.0);
        assertThat(Files.readString(out.resolve(ComparisonReport.MARKDOWN_FILE)))
                .contains("| weft-nio |", "| netty-nio |", "--conns 20");
    }
}
