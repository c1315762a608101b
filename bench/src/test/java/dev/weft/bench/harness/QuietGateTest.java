package dev.weft.bench.harness;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class QuietGateTest {

    @Test
    void aMachineBelowTheLimitPassesAfterOneSample() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        long start = System.nanoTime();
        double busy = new QuietGate(1_000, Duration.ofMillis(100), Duration.ofSeconds(10))
                .await(new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(busy).isNotNegative();
        assertThat(System.nanoTime() - start).as("waited ns").isLessThan(Duration.ofSeconds(5).toNanos());
        assertThat(log.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aLimitNeverMetRunsAnywayAfterThePatienceAndSaysSo() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        long start = System.nanoTime();
        new QuietGate(-1, Duration.ofMillis(50), Duration.ofMillis(300))
                .await(new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(System.nanoTime() - start).as("waited ns").isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("waiting up to", "running anyway");
    }
}
