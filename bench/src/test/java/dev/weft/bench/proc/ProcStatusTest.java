package dev.weft.bench.proc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcStatusTest {

    @Test
    void parsesRssAndPeakInBytes() {
        String status = """
                Name:\tjava
                State:\tS (sleeping)
                VmPeak:\t 3781624 kB
                VmHWM:\t   60016 kB
                VmRSS:\t   58212 kB
                Threads:\t23
                """;

        ProcStatus parsed = ProcStatus.parse(status);

        assertThat(parsed.vmRssBytes()).isEqualTo(58_212L * 1024);
        assertThat(parsed.vmHwmBytes()).isEqualTo(60_016L * 1024);
    }

    @Test
    void rejectsAStatusWithoutMemoryLines() {
        // Kernel threads have no Vm* lines.
        assertThatThrownBy(() -> ProcStatus.parse("Name:\tkthreadd\nState:\tS (sleeping)\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("VmRSS");
    }

    @Test
    void ownRssIsPositiveAndBelowItsPeak() {
        ProcStatus own = ProcStatus.read(ProcessHandle.current().pid());

        assertThat(own.vmRssBytes()).isPositive();
        assertThat(own.vmHwmBytes()).isGreaterThanOrEqualTo(own.vmRssBytes());
    }
}
