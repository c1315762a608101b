package dev.weft.bench.harness;

import dev.weft.bench.peers.NettyTcpEchoServer;
import dev.weft.bench.peers.NettyWebSocketEchoServer;
import dev.weft.bench.peers.VirtualThreadTcpEchoServer;
import dev.weft.bench.peers.WeftTcpEchoServer;
import dev.weft.websocket.server.EchoServerMain;

import java.util.ArrayList;
import java.util.List;

/**
 * An echo server a comparison can start, by its name on the command line.
 *
 * @param name e.g. {@code weft-io_uring}
 * @param mainClass the server's main class
 * @param transportArgs the options choosing its transport
 * @param threadsOption the option taking its thread count (event loops, workers, carriers)
 * @param extraJvmFlags flags its JVM needs beyond the comparison's common ones
 */
record ServerKind(String name, String mainClass, List<String> transportArgs, String threadsOption,
                  List<String> extraJvmFlags) {

    /** Raw TCP echo servers. */
    static final List<ServerKind> TCP = List.of(
            weftTcp("io_uring"), weftTcp("epoll"), weftTcp("nio"),
            nettyTcp("epoll"), nettyTcp("io_uring"), nettyTcp("nio"),
            new ServerKind("vthreads", VirtualThreadTcpEchoServer.class.getName(), List.of("--transport", "nio"),
                    "--threads", List.of()));

    /** WebSocket echo servers: {@code ./weft echo} and Netty's WebSocket echo. */
    static final List<ServerKind> WEBSOCKET = List.of(
            weftWebSocket("io_uring"), weftWebSocket("epoll"), weftWebSocket("nio"),
            nettyWebSocket("io_uring"), nettyWebSocket("epoll"), nettyWebSocket("nio"));

    /** The kind in {@code kinds} called {@code name}; fails listing the known names. */
    static ServerKind named(List<ServerKind> kinds, String name) {
        for (ServerKind k : kinds) {
            if (k.name.equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown server '" + name + "'; known: "
                + String.join(", ", kinds.stream().map(ServerKind::name).toList()));
    }

    boolean isNetty() {
        return name.startsWith("netty-");
    }

    /** The server's arguments: ephemeral port, its transport, {@code threads} event loops or workers. */
    List<String> args(int threads) {
        List<String> args = new ArrayList<>(List.of("--port", "0"));
        args.addAll(transportArgs);
        args.addAll(List.of(threadsOption, Integer.toString(threads)));
        return args;
    }

    /** {@code common} followed by this server's own flags. */
    List<String> jvmFlags(List<String> common) {
        List<String> flags = new ArrayList<>(common);
        flags.addAll(extraJvmFlags);
        return flags;
    }

    private static ServerKind weftTcp(String io) {
        return new ServerKind("weft-" + io, WeftTcpEchoServer.class.getName(), List.of("--io", io), "--threads", List.of());
    }

    private static ServerKind nettyTcp(String transport) {
        return new ServerKind("netty-" + transport, NettyTcpEchoServer.class.getName(),
                List.of("--transport", transport), "--threads", List.of());
    }

    /** {@code ./weft echo}, with the JVM flags the launcher gives it (vector unmasking, the fibers' hook). */
    private static ServerKind weftWebSocket(String io) {
        return new ServerKind("weft-" + io, EchoServerMain.class.getName(), List.of("--io", io), "--workers",
                List.of("--add-modules", "jdk.incubator.vector", "--add-opens", "java.base/java.lang=ALL-UNNAMED"));
    }

    private static ServerKind nettyWebSocket(String transport) {
        return new ServerKind("netty-" + transport, NettyWebSocketEchoServer.class.getName(),
                List.of("--transport", transport), "--threads", List.of());
    }
}
