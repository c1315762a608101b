package dev.weft.bench.harness;

import dev.weft.bench.proc.ServerProcess;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * P processes of one server kind sharing one port: the first binds an ephemeral port, the
 * others bind the same port, all with SO_REUSEPORT ({@code --reuse-port}) when there is more
 * than one, so the kernel spreads incoming connections over them.
 */
final class ServerGroup implements AutoCloseable {

    private final List<ServerProcess> processes;
    private final int port;

    private ServerGroup(List<ServerProcess> processes, int port) {
        this.processes = processes;
        this.port = port;
    }

    /** Starts {@code count} processes of {@code kind}; on a failed start stops the ones started and fails. */
    static ServerGroup start(ServerKind kind, int count, int threads, List<String> jvmFlags, Path logs, String tag)
            throws IOException, InterruptedException {
        List<ServerProcess> started = new ArrayList<>();
        int port = 0;
        try {
            for (int i = 0; i < count; i++) {
                List<String> args = new ArrayList<>(kind.args(threads));
                args.set(1, Integer.toString(port));   // args() starts with --port 0
                if (count > 1) {
                    args.add("--reuse-port");
                }
                ServerProcess p = ServerProcess.start(ServerProcess.Spec.of(kind.mainClass())
                        .withJvmFlags(kind.jvmFlags(jvmFlags).toArray(String[]::new))
                        .withArgs(args.toArray(String[]::new))
                        .withStopTimeout(Duration.ofSeconds(10))
                        .withLog(logs.resolve(tag + "-server" + i + ".log")));
                started.add(p);
                port = p.port();
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            started.forEach(ServerProcess::close);
            throw e;
        }
        return new ServerGroup(List.copyOf(started), port);
    }

    int port() {
        return port;
    }

    List<Long> pids() {
        return processes.stream().map(ServerProcess::pid).toList();
    }

    /** Stops every process (SIGTERM, then SIGKILL after the stop timeout); true if all stopped on SIGTERM. */
    boolean stop() throws InterruptedException {
        boolean clean = true;
        for (ServerProcess p : processes) {
            clean &= !p.stop(Duration.ofSeconds(10)).killed();
        }
        return clean;
    }

    @Override
    public void close() {
        processes.forEach(ServerProcess::close);
    }
}
