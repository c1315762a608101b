package dev.weft.bench.loadgen;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MachineCpuTest {

    @Test
    void busyIsEverythingButIdleAndIowait() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        String line = "cpu  100 2 30 5000 70 4 5 6 9 1";
        assertThat(MachineCpu.parseBusyTicks(line)).isEqualTo(100 + 2 + 30 + 4 + 5 + 6);
    }

    @Test
    void aShortLineIsRejected() {
        assertThatThrownBy(() -> MachineCpu.parseBusyTicks("cpu 1 2 3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need 8 numbers");
    }

    @Test
    void aSpinningThreadShowsAsAtLeastHalfACoreBusy() {
        MachineCpu before = MachineCpu.read();
        long until = System.nanoTime() + 200_000_000L;
        long spin = 0;
        while (System.nanoTime() < until) {
            spin++;
        }
        double cores = MachineCpu.read().coresBusySince(before);
        assertThat(cores).as("busy cores while spinning %d times", spin)
                .isBetween(0.5, java.lang.Runtime.getRuntime().availableProcessors() * 1.2);
    }
}
