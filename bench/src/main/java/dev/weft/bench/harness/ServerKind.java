package dev.weft.bench.harness;

import dev.weft.bench.peers.NettyTcpEchoServer;
import dev.weft.bench.peers.VirtualThreadTcpEchoServer;
import dev.weft.bench.peers.WeftTcpEchoServer;

import java.util.ArrayList;
import java.util.List;

/**
 * A TCP echo server the comparison can start, by its name on the command line.
 *
 * @param name e.g. {@code weft-io_uring}
 * @param mainClass the peer's main class
 * @param transportArgs the options choosing its transport
 */
record ServerKind(String name, String mainClass, List<String> transportArgs) {

    static final List<ServerKind> ALL = List.of(
            weft("io_uring"), weft("epoll"), weft("nio"),
            netty("epoll"), netty("io_uring"), netty("nio"),
            new ServerKind("vthreads", VirtualThreadTcpEchoServer.class.getName(), List.of("--transport", "nio")));

    /** The kind called {@code name}; fails listing the known names. */
    static ServerKind named(String name) {
        for (ServerKind k : ALL) {
            if (k.name.equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown server '" + name + "'; known: "
                + String.join(", ", ALL.stream().map(ServerKind::name).toList()));
    }

    boolean isNetty() {
        return name.startsWith("netty-");
    }

    /** The server's arguments: ephemeral port, its transport, {@code threads} event loops or workers. */
    List<String> args(int threads) {
        List<String> args = new ArrayList<>(List.of("--port", "0"));
        args.addAll(transportArgs);
        args.addAll(List.of("--threads", Integer.toString(threads)));
        return args;
    }

    private static ServerKind weft(String io) {
        return new ServerKind("weft-" + io, WeftTcpEchoServer.class.getName(), List.of("--io", io));
    }

    private static ServerKind netty(String transport) {
        return new ServerKind("netty-" + transport, NettyTcpEchoServer.class.getName(), List.of("--transport", transport));
    }
}
