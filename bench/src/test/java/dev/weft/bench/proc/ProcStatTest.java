package dev.weft.bench.proc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcStatTest {

    /** A real line of a JVM's stat file (fields 1..52), comm replaced below. */
    private static final String AFTER_COMM =
            " S 1 4242 4242 0 -1 4194560 27003 0 12 0 731 129 0 0 20 0 23 0 171385 3872382976"
            + " 52049 18446744073709551615 1 1 0 0 0 0 0 3 16800975 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0";

    @Test
    void parsesCpuTicksAndThreadsAfterThePlainComm() {
        ProcStat stat = ProcStat.parse(4242, "4242 (java)" + AFTER_COMM);

        assertThat(stat.utimeTicks()).isEqualTo(731);
        assertThat(stat.stimeTicks()).isEqualTo(129);
        assertThat(stat.cpuTicks()).isEqualTo(860);
        assertThat(stat.threads()).isEqualTo(23);
    }

    @Test
    void countsFieldsFromTheLastParenthesisWhenCommHoldsSpacesAndParentheses() {
        // A thread may name itself anything up to 15 bytes, e.g. ") S 9 9 (x".
        ProcStat stat = ProcStat.parse(4242, "4242 (a) S 9 9 (x) b)" + AFTER_COMM);

        assertThat(stat.utimeTicks()).isEqualTo(731);
        assertThat(stat.stimeTicks()).isEqualTo(129);
        assertThat(stat.threads()).isEqualTo(23);
    }

    @Test
    void convertsTicksToNanosWithTheClockTick() {
        ProcStat stat = ProcStat.parse(1, "1 (init)" + AFTER_COMM);
        long nanosPerTick = 1_000_000_000L / ClockTicks.perSecond();

        assertThat(stat.utimeNanos()).isEqualTo(731 * nanosPerTick);
        assertThat(stat.stimeNanos()).isEqualTo(129 * nanosPerTick);
        assertThat(stat.cpuNanos()).isEqualTo(860 * nanosPerTick);
    }

    @Test
    void clockTickComesFromGetconf() {
        // 100 on x86-64 Linux; anything else would mean getconf was not asked or misread.
        assertThat(ClockTicks.perSecond()).isEqualTo(100);
    }

    @Test
    void rejectsATruncatedLine() {
        assertThatThrownBy(() -> ProcStat.parse(1, "1 (init) S 0 1 1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fields after comm");
        assertThatThrownBy(() -> ProcStat.parse(1, "1 (init S 0 1 1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no ')'");
    }

    @Test
    void ownCpuTimeGrowsWhileBurningCpu() {
        long pid = ProcessHandle.current().pid();
        ProcStat before = ProcStat.read(pid);
        long deadline = System.nanoTime() + 5_000_000_000L;
        long spins = 0;
        ProcStat after = before;
        // Spin until at least two ticks pass; one tick may already be half over.
        while (after.cpuTicks() < before.cpuTicks() + 2 && System.nanoTime() < deadline) {
            for (int i = 0; i < 1_000_000; i++) {
                spins += i ^ spins;
            }
            after = ProcStat.read(pid);
        }

        assertThat(after.cpuTicks())
                .as("cpu ticks before=%d after=%d (spins %d)", before.cpuTicks(), after.cpuTicks(), spins)
                .isGreaterThanOrEqualTo(before.cpuTicks() + 2);
        assertThat(after.threads()).as("a JVM runs several threads").isGreaterThan(1);
    }

    @Test
    void readingAnExitedProcessSaysSo() throws Exception {
        Process done = new ProcessBuilder("true").start();
        done.waitFor();

        assertThatThrownBy(() -> ProcStat.read(done.pid()))
                .hasMessageContaining("/proc/" + done.pid() + "/stat");
    }
}
