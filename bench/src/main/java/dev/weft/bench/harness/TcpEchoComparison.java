package dev.weft.bench.harness;

import picocli.CommandLine;

/**
 * Raw TCP echo servers compared ({@code ./weft bench-tcp}): Weft's TCP echo on each backend,
 * Netty's on each transport, one virtual thread per connection. See {@link EchoComparison}.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.weft.bench.harness.TcpEchoComparison --conns 1000 --size 64 --duration 10s --rounds 3</pre>
 */
public final class TcpEchoComparison {

    private TcpEchoComparison() {}

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return EchoComparison.commandLine(EchoScenario.TCP);
    }
}
