package dev.weft.bench.peers;

import dev.weft.bench.proc.ServerProcess;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Starts comparison servers for tests and checks what every one of them must do. */
final class Peer {

    /**
     * Native access for Netty's JNI transports; Unsafe allowed, since Netty 4.2 turns it off
     * by default on Java 25+ and a tuned deployment would turn it back on.
     */
    static final String[] JVM_FLAGS = {
        "-Xmx256m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
    };

    /** Child logs, kept for a failed run's diagnosis; surefire runs in the module directory. */
    private static final Path LOGS = Path.of("target", "peer-logs");

    private Peer() {}

    /** A log file for one start of {@code main}, unique within this test run. */
    static Path logFor(Class<?> main, String tag) {
        return LOGS.resolve(main.getSimpleName() + "-" + tag + "-" + System.nanoTime() + ".log");
    }

    static ServerProcess start(Class<?> main, Transport transport, String... extraArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--transport", transport.cliName(), "--threads", "2"));
        args.addAll(List.of(extraArgs));
        ServerProcess server = ServerProcess.start(ServerProcess.Spec.of(main.getName())
                .withJvmFlags(JVM_FLAGS)
                .withArgs(args.toArray(String[]::new))
                .withStartTimeout(Duration.ofSeconds(30))
                .withLog(logFor(main, transport.cliName())));
        assertThat(server.transport()).isEqualTo(transport.cliName());
        assertThat(server.port()).isPositive();
        return server;
    }

    /** Skips the test where the native transport cannot run (it runs on this project's machines). */
    static void assumeAvailable(Transport transport) {
        switch (transport) {
            case EPOLL -> assumeTrue(Epoll.isAvailable(), () -> "epoll: " + Epoll.unavailabilityCause());
            case IO_URING -> assumeTrue(IoUring.isAvailable(), () -> "io_uring: " + IoUring.unavailabilityCause());
            case NIO -> { }
        }
    }

    /** Readings taken while the server worked: CPU and RSS positive, CPU never decreasing. */
    static void assertReadingsSane(ServerProcess server, List<Long> cpuNanosInOrder) {
        assertThat(cpuNanosInOrder).as("cpu ns of %s", server.pid()).isSorted().allMatch(n -> n > 0);
        assertThat(server.rssBytes()).as("rss of %s", server.pid()).isPositive();
        assertThat(server.stat().threads()).as("threads of %s", server.pid()).isGreaterThan(1);
    }

    /** SIGTERM ends the server by its shutdown hooks, in time, and leaves no process behind. */
    static void assertStopsOnSigterm(ServerProcess server) throws InterruptedException {
        long pid = server.pid();
        ServerProcess.Stopped stopped = server.stop(Duration.ofSeconds(10));

        assertThat(stopped.killed()).as("needed SIGKILL; log:\n%s", server.logTail()).isFalse();
        assertThat(stopped.exitCode()).as("JVM exit status after SIGTERM (128+15)").isEqualTo(143);
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("process %d", pid).isEmpty();
    }
}
