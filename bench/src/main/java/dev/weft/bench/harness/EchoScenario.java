package dev.weft.bench.harness;

import dev.weft.bench.loadgen.EchoProtocol;

import java.util.List;

/**
 * What a comparison echoes and with which servers.
 *
 * @param name used in the default results directory, e.g. {@code ws-echo}
 * @param title the report's heading, e.g. {@code WebSocket echo}
 * @param protocol what the load generator speaks
 * @param servers the servers it can start
 * @param defaultServers the ones it starts unless {@code --servers} says otherwise, in order
 * @param mainClass the class whose {@code main} runs it, for the command line in the report
 */
record EchoScenario(String name, String title, EchoProtocol protocol, List<ServerKind> servers,
                    List<String> defaultServers, Class<?> mainClass) {

    static final EchoScenario TCP = new EchoScenario("tcp-echo", "TCP echo", EchoProtocol.TCP, ServerKind.TCP,
            List.of("weft-io_uring", "weft-epoll", "weft-nio", "netty-epoll", "netty-io_uring", "vthreads"),
            TcpEchoComparison.class);

    static final EchoScenario WEBSOCKET = new EchoScenario("ws-echo", "WebSocket echo", EchoProtocol.WEBSOCKET,
            ServerKind.WEBSOCKET, List.of("weft-io_uring", "weft-epoll", "netty-io_uring", "netty-epoll"),
            WsEchoComparison.class);

    /** The server called {@code name}; fails listing the known names. */
    ServerKind server(String name) {
        return ServerKind.named(servers, name);
    }
}
