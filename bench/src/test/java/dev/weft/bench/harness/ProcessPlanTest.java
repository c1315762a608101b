package dev.weft.bench.harness;

import dev.weft.bench.loadgen.SourceAddresses;
import dev.weft.io.linux.OpenFilesLimit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessPlanTest {

    private static final OpenFilesLimit HERE = new OpenFilesLimit(20_000, 20_000);

    @Test
    void aHundredThousandConnectionsUnderTwentyThousandFilesTakeSixServersAndSixGenerators() {
        ProcessPlan plan = ProcessPlan.of(100_000, HERE, 0, 0);

        assertThat(plan.servers()).isEqualTo(6);
        assertThat(plan.generators()).isEqualTo(6);
        assertThat(plan.perGenerator()).containsExactly(16_667, 16_667, 16_667, 16_667, 16_666, 16_666);
        assertThat(plan.sources()).as("disjoint address ranges").containsExactly(new SourceAddresses(1, 1),
                new SourceAddresses(2, 1), new SourceAddresses(3, 1), new SourceAddresses(4, 1),
                new SourceAddresses(5, 1), new SourceAddresses(6, 1));
    }

    @Test
    void tenThousandFitOneProcessEach() {
        ProcessPlan plan = ProcessPlan.of(10_000, HERE, 0, 0);

        assertThat(plan.servers()).isEqualTo(1);
        assertThat(plan.generators()).isEqualTo(1);
        assertThat(plan.perGenerator()).containsExactly(10_000);
    }

    @Test
    void tooFewProcessesGivenSayWhichOptionAndHowMany() {
        assertThatThrownBy(() -> ProcessPlan.of(100_000, HERE, 2, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("100,000 connections over 2 processes is 50,000 per process")
                .hasMessageContaining("use --server-processes 6 or more")
                .hasMessageContaining("LimitNOFILE=");
    }
}
