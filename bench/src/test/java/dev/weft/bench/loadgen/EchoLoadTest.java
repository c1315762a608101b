package dev.weft.bench.loadgen;

import dev.weft.bench.peers.WeftTcpEchoServer;
import dev.weft.bench.proc.ServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The generator in-process against a Weft echo server in a child JVM. */
class EchoLoadTest {

    private static ServerProcess server;

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerProcess.start(ServerProcess.Spec.of(WeftTcpEchoServer.class.getName())
                .withJvmFlags("-Xmx256m", "--enable-native-access=ALL-UNNAMED")
                .withArgs("--port", "0", "--io", "auto", "--threads", "1")
                .withLog(Path.of("target", "peer-logs", "EchoLoadTest-" + System.nanoTime() + ".log")));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static EchoLoadConfig config(int connections, int size, Duration duration) {
        return EchoLoadConfig.closedLoop(new InetSocketAddress("127.0.0.1", server.port()), connections, size, duration)
                .withPhases(Duration.ofMillis(200), Duration.ofMillis(300), duration)
                .withWatchPid(server.pid());
    }

    @Test
    void closedLoopCountsAgreeWithEachOther() {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        EchoLoadResult r = EchoLoad.run(config(50, 64, Duration.ofSeconds(1)),
                new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(r.openAtStart()).as("open at start").isEqualTo(50);
        assertThat(r.openAtEnd()).as("open at end").isEqualTo(50);
        assertThat(r.connectErrors() + r.ioErrors()).as("errors").isZero();
        assertThat(r.messages()).as("measured messages").isPositive();
        assertThat(r.totalCompleted()).as("all completed >= measured").isGreaterThanOrEqualTo(r.messages());
        // Closed loop: at most one message in flight per connection.
        assertThat(r.totalSent() - r.totalCompleted()).as("sent %d, completed %d", r.totalSent(), r.totalCompleted())
                .isBetween(0L, 50L);
        assertThat(r.totalBytesReceived()).as("bytes received")
                .isBetween(r.totalCompleted() * 64, r.totalSent() * 64);
        assertThat(r.messagesPerSecond()).isCloseTo(r.messages() / (r.windowNanos() / 1e9), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(r.windowNanos()).as("window").isBetween(900_000_000L, 3_000_000_000L);
        assertThat(r.p50Micros()).isPositive().isLessThanOrEqualTo(r.p99Micros());
        assertThat(r.p99Micros()).isLessThanOrEqualTo(r.p999Micros());
        assertThat(r.p999Micros()).isLessThanOrEqualTo(r.maxMicros() * 1.001);
        assertThat(r.serverPid()).isEqualTo(server.pid());
        assertThat(r.serverRssBytes()).as("server RSS").isPositive();
        assertThat(r.serverCpuNanos()).as("server CPU").isNotNegative();
        assertThat(r.generatorCoresUsed()).as("generator cores").isNotNegative();
        assertThat(progress.toString(StandardCharsets.UTF_8)).as("progress").contains("conns", "msgs/s", "errors");
    }

    @Test
    void openLoopNeverSendsAheadOfItsSchedule() {
        long rate = 2_000;
        EchoLoadResult r = EchoLoad.run(config(20, 256, Duration.ofSeconds(1)).withRate(rate), quiet());

        assertThat(r.messages()).as("measured messages").isPositive();
        // Each connection's k-th message is due at first + k * interval: no more than the schedule allows.
        long totalNanos = 200_000_000L + 300_000_000L + r.windowNanos();
        assertThat(r.totalSent()).as("sent over %d ns at %d/s", totalNanos, rate)
                .isLessThanOrEqualTo(rate * totalNanos / 1_000_000_000L + 20 + rate / 10);
        assertThat(r.ratePerSecond()).isEqualTo(rate);
    }

    @Test
    void messageCapEndsTheWindowEarly() {
        EchoLoadResult r = EchoLoad.run(config(10, 64, Duration.ofSeconds(30)).withMaxMessages(300), quiet());

        assertThat(r.messages()).as("measured").isGreaterThanOrEqualTo(300);
        assertThat(r.windowNanos()).as("window").isLessThan(Duration.ofSeconds(30).toNanos());
    }

    @Test
    void refusedConnectsAreCountedAsErrors() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        EchoLoadConfig c = EchoLoadConfig.closedLoop(new InetSocketAddress("127.0.0.1", closedPort), 5, 64,
                Duration.ofMillis(200)).withPhases(Duration.ZERO, Duration.ofMillis(200), Duration.ofMillis(200));
        EchoLoadResult r = EchoLoad.run(c, quiet());

        assertThat(r.connectErrors()).as("connect errors").isEqualTo(5);
        assertThat(r.messages()).isZero();
        assertThat(r.openAtStart()).isZero();
    }

    @Test
    void moreConnectionsThanTheSourceAddressesAllowAreRefused() {
        assertThatThrownBy(() -> EchoLoadConfig.closedLoop(new InetSocketAddress("127.0.0.1", 1), 60_000, 64,
                Duration.ofSeconds(1)).withSources(new SourceAddresses(1, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--conns 60000 needs at least 3 source addresses (--source-addresses; 25000 per address); given 2");
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
