package dev.weft.bench.loadgen;

import dev.weft.io.linux.OpenFilesLimit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenFilesBudgetTest {

    @Test
    void raisesTheSoftLimitToTheHardOne() {
        OpenFilesLimit l = OpenFilesBudget.raise();
        assertThat(l.soft()).as("%s", l).isEqualTo(l.hard());
    }

    @Test
    void moreConnectionsThanTheLimitHoldsSayWhatToChange() {
        long hard = OpenFilesBudget.raise().hard();
        int tooMany = (int) Math.min(Integer.MAX_VALUE, hard);

        assertThatThrownBy(() -> OpenFilesBudget.require(tooMany, "the load generator", "--generators"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the load generator cannot hold")
                .hasMessageContaining("ulimit -Hn")
                .hasMessageContaining("/etc/security/limits.conf")
                .hasMessageContaining("LimitNOFILE=")
                .hasMessageContaining("--generators: at least 2 times as many");
    }
}
