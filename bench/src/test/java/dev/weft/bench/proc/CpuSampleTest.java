package dev.weft.bench.proc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CpuSampleTest {

    @Test
    void spanIsTheDifferenceAndDividesByMessages() {
        CpuSample before = new CpuSample(7, 1_000, 500, 10_000);
        CpuSample after = new CpuSample(7, 41_000, 20_500, 110_000);

        CpuSample.Span span = after.since(before);

        assertThat(span.userNanos()).isEqualTo(40_000);
        assertThat(span.systemNanos()).isEqualTo(20_000);
        assertThat(span.cpuNanos()).isEqualTo(60_000);
        assertThat(span.wallNanos()).isEqualTo(100_000);
        assertThat(span.cpuNanosPerMessage(600)).isCloseTo(100.0, within(1e-9));
        assertThat(span.coresUsed()).isCloseTo(0.6, within(1e-9));
    }

    @Test
    void refusesSamplesOfDifferentProcessesOrInReverse() {
        CpuSample a = new CpuSample(7, 0, 0, 10);
        CpuSample b = new CpuSample(8, 0, 0, 20);
        CpuSample c = new CpuSample(7, 0, 0, 20);

        assertThatThrownBy(() -> b.since(a)).hasMessageContaining("different processes");
        assertThatThrownBy(() -> a.since(c)).hasMessageContaining("after");
        assertThatThrownBy(() -> c.since(a).cpuNanosPerMessage(0)).hasMessageContaining("positive");
    }

    @Test
    void samplesOfThisProcessNeverGoBackwards() {
        long pid = ProcessHandle.current().pid();
        CpuSample first = CpuSample.take(pid);
        CpuSample second = CpuSample.take(pid);

        CpuSample.Span span = second.since(first);

        assertThat(first.cpuNanos()).isPositive();
        assertThat(span.cpuNanos()).isNotNegative();
        assertThat(span.wallNanos()).isNotNegative();
    }
}
