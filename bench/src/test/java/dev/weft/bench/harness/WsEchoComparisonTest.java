package dev.weft.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class WsEchoComparisonTest {

    @Test
    void oneTinyRoundOfWeftAndNettyWebSocketEchoWritesJsonAndMarkdown(@TempDir Path out) throws Exception {
        int status = WsEchoComparison.commandLine().execute(
                "--servers", "weft-epoll,netty-epoll", "--conns", "20", "--size", "64",
                "--ramp", "200ms", "--warmup", "1s", "--duration", "1s", "--rounds", "1",
                "--client-io", "auto", "--quiet-below", "-1", "--out", out.toString());

        assertThat(status).as("exit status").isZero();
        JsonNode json = new ObjectMapper().readTree(out.resolve(ComparisonReport.JSON_FILE).toFile());
        assertThat(json.get("parameters").get("scenario").asText()).isEqualTo("ws-echo");
        assertThat(json.get("runs")).hasSize(2);
        for (JsonNode run : json.get("runs")) {
            assertThat(run.get("error").isNull()).as("error of %s", run.get("server")).isTrue();
            assertThat(run.get("serverStoppedCleanly").asBoolean()).as("clean stop of %s", run.get("server")).isTrue();
            JsonNode result = run.get("result");
            assertThat(result.get("messages").asLong()).as("messages of %s", run.get("server")).isPositive();
            // A cold server may still be upgrading some at the window's start; all are open by its end.
            assertThat(result.get("openAtEnd").asInt()).as("upgraded connections of %s", run.get("server")).isEqualTo(20);
            assertThat(result.get("ioErrors").asLong()).as("io errors of %s", run.get("server")).isZero();
            // Each echo is a 2-byte header and the 64-byte payload.
            assertThat(result.get("totalBytesReceived").asLong()).as("bytes of %s", run.get("server"))
                    .isGreaterThanOrEqualTo(result.get("totalCompleted").asLong() * 66);
        }
        JsonNode summaries = json.get("summaries");
        assertThat(summaries.get(1).get("bestNetty").asText()).isEqualTo("netty-epoll");
        assertThat(Files.readString(out.resolve(ComparisonReport.MARKDOWN_FILE)))
                .startsWith("WebSocket echo comparison")
                .contains("| weft-epoll |", "| netty-epoll |", "WsEchoComparison");
    }

    @Test
    void unknownServerNamesTheKnownOnes(@TempDir Path out) {
        java.io.StringWriter err = new java.io.StringWriter();
        var cli = WsEchoComparison.commandLine();
        cli.setErr(new java.io.PrintWriter(err));
        int status = cli.execute("--servers", "vthreads", "--out", out.toString(), "--quiet-below", "-1");

        assertThat(status).isNotZero();
        assertThat(err.toString()).contains("unknown server 'vthreads'", "weft-io_uring", "netty-epoll");
    }
}
