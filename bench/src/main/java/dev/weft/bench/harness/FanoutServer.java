package dev.weft.bench.harness;

import dev.weft.bench.fanout.FanoutProtocol;
import dev.weft.bench.peers.NettyWebSocketBroadcastServer;
import dev.weft.bench.peers.WeftWebSocketBroadcastServer;
import java.util.List;
import java.util.Map;

/**
 * A fan-out server the comparison can start: the rooms peers on Weft and Netty (plain protocol)
 * and the Weft gateway (Centrifugo's protocol, started as {@code ./weft gateway} is).
 *
 * @param name e.g. {@code gateway-io_uring}
 * @param mainClass its main class
 * @param protocol what the generator speaks to it
 * @param transportArgs the arguments choosing its transport
 */
record FanoutServer(String name, String mainClass, FanoutProtocol protocol, List<String> transportArgs) {
    /** The gateway's token secret in a comparison: fixed, so the generator can sign its tokens. */
    static final String GATEWAY_SECRET = "weft-bench-fanout-secret-0123456789abcdef";

    static final List<FanoutServer> ALL = List.of(
            rooms("weft", WeftWebSocketBroadcastServer.class, "io_uring"),
            rooms("weft", WeftWebSocketBroadcastServer.class, "epoll"),
            rooms("netty", NettyWebSocketBroadcastServer.class, "io_uring"),
            rooms("netty", NettyWebSocketBroadcastServer.class, "epoll"),
            gateway("io_uring"), gateway("epoll"));

    static FanoutServer named(String name) {
        for (FanoutServer s : ALL) {
            if (s.name.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown server '" + name + "'; known: "
                + String.join(", ", ALL.stream().map(FanoutServer::name).toList()));
    }

    boolean isNetty() {
        return name.startsWith("netty-");
    }

    List<String> args(int threads) {
        if (protocol == FanoutProtocol.CENTRIFUGO) {
            return List.of("--port", "0", transportArgs.getFirst(), "--workers=" + threads);
        }
        return List.of("--port", "0", "--transport", transportArgs.getFirst(), "--threads", Integer.toString(threads));
    }

    /** {@code common} plus, for Weft's servers, the flags the launcher gives them (vector unmasking, the fibers' hook). */
    List<String> jvmFlags(List<String> common) {
        if (isNetty()) {
            return common;
        }
        List<String> flags = new java.util.ArrayList<>(common);
        flags.addAll(List.of("--add-modules", "jdk.incubator.vector", "--add-opens", "java.base/java.lang=ALL-UNNAMED"));
        return flags;
    }

    Map<String, String> env() {
        return protocol == FanoutProtocol.CENTRIFUGO ? Map.of("WEFT_TOKEN_HMAC_SECRET", GATEWAY_SECRET) : Map.of();
    }

    private static FanoutServer rooms(String prefix, Class<?> main, String transport) {
        return new FanoutServer(prefix + "-" + transport, main.getName(), FanoutProtocol.PLAIN, List.of(transport));
    }

    private static FanoutServer gateway(String io) {
        return new FanoutServer("gateway-" + io, "dev.weft.gateway.server.GatewayMain", FanoutProtocol.CENTRIFUGO,
                List.of("--io=" + io));
    }
}
