package dev.weft.bench.harness;

import dev.weft.bench.loadgen.EchoLoadResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ServerSummaryTest {

    @Test
    void mediansOverRoundsAndRatiosToTheCheapestNetty() {
        List<RunRecord> runs = List.of(
                run("weft-io_uring", 1, 100_000, 3_000), run("weft-io_uring", 2, 120_000, 2_000),
                run("weft-io_uring", 3, 110_000, 9_000),
                run("netty-epoll", 1, 90_000, 4_000), run("netty-epoll", 2, 95_000, 4_200),
                run("netty-io_uring", 1, 80_000, 5_000), run("netty-io_uring", 2, 85_000, 5_000),
                new RunRecord("vthreads", 64, 1, 1, null, "server did not start", false));

        List<ServerSummary> s = ServerSummary.of(List.of("weft-io_uring", "netty-epoll", "netty-io_uring", "vthreads"),
                List.of(64), runs);

        ServerSummary weft = s.get(0);
        assertThat(weft.runs()).isEqualTo(3);
        assertThat(weft.serverCpuNanosPerMessage()).as("median of 3000, 2000, 9000").isEqualTo(3_000);
        assertThat(weft.messagesPerSecond()).as("median of three").isEqualTo(110_000);
        assertThat(weft.bestNetty()).isEqualTo("netty-epoll");
        assertThat(weft.cpuVsBestNetty()).as("3000 / median(4000, 4200)").isCloseTo(3_000 / 4_100.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(weft.throughputVsBestNetty()).isCloseTo(110_000 / 92_500.0, org.assertj.core.data.Offset.offset(1e-9));
        ServerSummary vthreads = s.get(3);
        assertThat(vthreads.runs()).isZero();
        assertThat(vthreads.failedRuns()).isEqualTo(1);
        assertThat(vthreads.cpuVsBestNetty()).isNaN();
    }

    private static RunRecord run(String server, int round, double msgsPerSecond, double cpuPerMessage) {
        EchoLoadResult r = new EchoLoadResult("io_uring", 100, 100, 100, 64, 0, 1_000_000_000L,
                (long) msgsPerSecond, msgsPerSecond, 50, 90, 99, 999, 1000, 60, 0, 0, 0, 0, 0,
                0, 0.5, 42, (long) (cpuPerMessage * msgsPerSecond), cpuPerMessage, 100 << 20, 1.5, 0.1);
        return new RunRecord(server, 64, round, 1, r, null, true);
    }
}
