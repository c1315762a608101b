package dev.weft.bench.loadgen;

import picocli.CommandLine.Option;

import java.net.InetSocketAddress;
import java.util.List;

/** Options every generator scenario shares: where the server is, how the generator runs, what it watches. */
final class CommonOptions {
    @Option(names = "--host", description = "server address (default ${DEFAULT-VALUE})")
    String host = "127.0.0.1";
    @Option(names = "--port", required = true, description = "server port")
    int port;
    @Option(names = "--io", description = "auto, io_uring, epoll or nio (default ${DEFAULT-VALUE})")
    String io = "auto";
    @Option(names = "--threads", description = "runtime workers (default ${DEFAULT-VALUE})")
    int threads = 1;
    @Option(names = "--server-pid", split = ",", description = "read these processes' CPU time and RSS over the "
            + "window, summed (the server processes sharing the port)")
    List<Long> serverPids = List.of();
    @Option(names = "--source-addresses", description = "spread connections over this many loopback source "
            + "addresses, 127.0.0.<first>.. (default: one per " + SourceAddresses.CONNECTIONS_PER_ADDRESS + " connections)")
    int sourceAddresses = 0;
    @Option(names = "--source-first", description = "offset of the first source address in 127.0.0.0/8 (default ${DEFAULT-VALUE}, i.e. 127.0.0.1)")
    int sourceFirst = 1;

    InetSocketAddress target() {
        return new InetSocketAddress(host, port);
    }

    /** The given source addresses, or as many as {@code connections} need. */
    SourceAddresses sources(int connections) {
        return new SourceAddresses(sourceFirst, sourceAddresses > 0 ? sourceAddresses : SourceAddresses.needed(connections));
    }
}
