package dev.weft.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.bench.loadgen.DurationConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The broadcast (fan-out) scenario through its harness, as {@code ./weft bench fanout} runs it: one Weft, one Netty server. */
class BroadcastComparisonTest {

    @Test
    void oneTinyRoundOfAWeftAndANettyServerDeliversEveryPublicationOnEachShape(@TempDir Path out) throws Exception {
        CommandLine cli = new CommandLine(new FanoutComparison());
        cli.registerConverter(Duration.class, new DurationConverter());
        int status = cli.execute("--servers", "weft-epoll,netty-epoll", "--shapes", "20/1,12/4x3", "--ramp", "200ms",
                "--warmup", "300ms", "--duration", "700ms", "--rounds", "1", "--quiet-below", "-1",
                "--out", out.toString());

        JsonNode report = new ObjectMapper().readTree(out.resolve("fanout.json").toFile());
        assertThat(status).as("exit status; runs: %s", report.get("runs")).isZero();
        assertThat(report.get("runs")).hasSize(4);
        assertThat(report.get("runs").findValuesAsText("shape")).containsExactly("20/1", "20/1", "12/4x3", "12/4x3");
        for (JsonNode run : report.get("runs")) {
            assertThat(run.get("error").isNull()).as("error of %s", run.get("server")).isTrue();
            assertThat(run.get("result").get("lost").asLong()).as("lost by %s", run.get("server")).isZero();
            assertThat(run.get("result").get("excess").asLong()).as("excess by %s", run.get("server")).isZero();
            assertThat(run.get("result").get("deliveries").asLong()).as("deliveries by %s", run.get("server")).isPositive();
        }
        assertThat(report.get("runs").get(2).get("result").get("subsPerConnection").asInt()).isEqualTo(3);
        assertThat(out.resolve("fanout.md")).content().contains("| 12/4x3 |");
    }
}
