package dev.weft.bench.harness;

import picocli.CommandLine;

/**
 * WebSocket echo servers compared ({@code ./weft bench-ws}): {@code ./weft echo} on io_uring
 * and epoll against Netty's WebSocket echo on its io_uring and epoll transports, the generator
 * sending masked binary frames without compression. See {@link EchoComparison}.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.weft.bench.harness.WsEchoComparison --conns 1000 --size 64 --duration 10s --rounds 2</pre>
 */
public final class WsEchoComparison {

    private WsEchoComparison() {}

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return EchoComparison.commandLine(EchoScenario.WEBSOCKET);
    }
}
