package dev.weft.bench.proc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerProcessTest {

    @TempDir
    Path dir;

    @Test
    void stderrFloodGoesToTheLogWithoutBlockingTheStart() throws Exception {
        Path log = dir.resolve("chatty.log");
        try (ServerProcess server = ServerProcess.start(spec(FakeServers.Chatty.class, log))) {
            assertThat(server.port()).isEqualTo(1234);
            assertThat(server.transport()).isEqualTo("nio");
            assertThat(server.isAlive()).isTrue();
            assertThat(server.cpuNanos()).isPositive();
            assertThat(server.rssBytes()).isPositive();
        }
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).filteredOn(l -> l.startsWith("xxx")).hasSize(20_000);
        assertThat(lines).contains("LISTENING 1234 nio");
    }

    @Test
    void serverIgnoringSigtermIsKilledAtTheDeadline() throws Exception {
        ServerProcess server = ServerProcess.start(spec(FakeServers.Stubborn.class, dir.resolve("stubborn.log")));
        long pid = server.pid();

        ServerProcess.Stopped stopped = server.stop(Duration.ofMillis(500));

        assertThat(stopped.killed()).isTrue();
        assertThat(stopped.exitCode()).as("128 + SIGKILL").isEqualTo(137);
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(server.stop(Duration.ofMillis(1))).as("a second stop repeats the first").isEqualTo(stopped);
    }

    @Test
    void silentServerFailsTheStartAndIsKilled() {
        ServerProcess.Spec spec = spec(FakeServers.Silent.class, dir.resolve("silent.log"))
                .withStartTimeout(Duration.ofSeconds(2));
        List<Long> before = childPids();

        assertThatThrownBy(() -> ServerProcess.start(spec))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("printed no LISTENING line within PT2S");
        assertThat(childPids()).as("children left alive").isEqualTo(before);
    }

    @Test
    void missingMainClassFailsTheStartQuotingTheLog() {
        assertThatThrownBy(() -> ServerProcess.start(ServerProcess.Spec.of("dev.weft.bench.NoSuchServer")
                        .withLog(dir.resolve("missing.log"))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("exited before listening (status 1)")
                .hasMessageContaining("NoSuchServer");
    }

    private static ServerProcess.Spec spec(Class<?> main, Path log) {
        return ServerProcess.Spec.of(main.getName()).withJvmFlags("-Xmx64m").withLog(log);
    }

    private static List<Long> childPids() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).sorted().toList();
    }
}
