package dev.weft.bench.peers;

import dev.weft.bench.fanout.FanoutWire;
import dev.weft.bench.loadgen.OpenFilesBudget;
import dev.weft.io.IoConfig;
import dev.weft.io.IoDrivers;
import dev.weft.io.IoSelection;
import dev.weft.io.TcpListener;
import dev.weft.io.TcpOptions;
import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import dev.weft.runtime.Runtime;
import dev.weft.websocket.server.WebSocketServer;
import dev.weft.websocket.session.Broadcast;
import dev.weft.websocket.session.WebSocketHandler;
import dev.weft.websocket.session.WebSocketOptions;
import dev.weft.websocket.session.WebSocketSession;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * WebSocket fan-out on Weft, the same rooms protocol as {@link NettyWebSocketBroadcastServer}
 * ({@link FanoutWire}): a publication is received into one pooled buffer and that buffer,
 * reference counted, is queued to every member of the room ({@link Broadcast}); no copy per
 * member. Same contract as the other comparison servers.
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar dev.weft.bench.peers.WeftWebSocketBroadcastServer --port 0 --io io_uring</pre>
 */
@Command(name = "WeftWebSocketBroadcastServer", mixinStandardHelpOptions = true,
        description = "WebSocket rooms fan-out on Weft.")
public final class WeftWebSocketBroadcastServer implements Callable<Integer> {

    @Option(names = "--port", description = "TCP port on all interfaces; 0 = ephemeral (default ${DEFAULT-VALUE})")
    int port = 0;

    @Option(names = {"--io", "--transport"}, description = "auto, io_uring, epoll or nio (default ${DEFAULT-VALUE})")
    String io = "auto";

    @Option(names = "--threads", description = "runtime workers (default: available processors)")
    int threads = java.lang.Runtime.getRuntime().availableProcessors();

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new WeftWebSocketBroadcastServer());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println("WeftWebSocketBroadcastServer: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1; was " + threads);
        }
        OpenFilesBudget.raise();   // every subscriber is a descriptor: hold as many as the hard limit allows
        IoSelection selection = IoDrivers.select(io);
        BufferPool pool = new BufferPool();
        Runtime rt = Runtime.builder().workers(threads).threadName("broadcast-" + selection.backend().label())
                .drivers(IoDrivers.factory(selection.backend(), IoConfig.defaults(pool)))
                .shutdownTimeout(Duration.ofSeconds(2)).build();
        WebSocketServer server = WebSocketServer.builder(pool).options(WebSocketOptions.defaults())
                .handler(new Rooms()).build();
        TcpListener listener = rt.blockOn(rt.spawn(server.listen(new InetSocketAddress(port), TcpOptions.defaults())));
        java.lang.Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            listener.close();
            rt.close();
        }, "broadcast-shutdown"));
        Peers.printListening(listener.localAddress().getPort(), Transport.parse(selection.backend().label()));
        Thread.currentThread().join();
        return 0;
    }

    /** Rooms of sessions; callbacks run on each connection's task, the sets are concurrent. */
    static final class Rooms implements WebSocketHandler {
        private final ConcurrentHashMap<String, Set<WebSocketSession>> rooms = new ConcurrentHashMap<>();
        /** Each session's rooms, so a closed session leaves them. */
        private final ConcurrentHashMap<WebSocketSession, Set<String>> memberships = new ConcurrentHashMap<>();

        @Override
        public void onText(WebSocketSession session, Buffer utf8) {
            String room = room(utf8, FanoutWire.PUBLISH);
            if (room != null) {
                Set<WebSocketSession> members = rooms.get(room);
                if (members != null) {
                    Broadcast.send(members, true, utf8.retain());
                }
                return;
            }
            room = room(utf8, FanoutWire.SUBSCRIBE);
            if (room != null) {
                rooms.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(session);
                memberships.computeIfAbsent(session, s -> ConcurrentHashMap.newKeySet()).add(room);
                session.sendText(FanoutWire.SUBSCRIBED + room);
            }
        }

        @Override
        public void onClose(WebSocketSession session, int code, String reason) {
            Set<String> joined = memberships.remove(session);
            if (joined != null) {
                for (String room : joined) {
                    Set<WebSocketSession> members = rooms.get(room);
                    if (members != null) {
                        members.remove(session);
                    }
                }
            }
        }

        /** The room named between {@code prefix} and the first space (or the end), or null. */
        static String room(Buffer text, String prefix) {
            long start = text.readIndex();
            long end = text.writeIndex();
            if (end - start < prefix.length()) {
                return null;
            }
            for (int i = 0; i < prefix.length(); i++) {
                if (text.getByte(start + i) != prefix.charAt(i)) {
                    return null;
                }
            }
            long nameEnd = start + prefix.length();
            while (nameEnd < end && text.getByte(nameEnd) != ' ') {
                nameEnd++;
            }
            byte[] name = new byte[(int) (nameEnd - start - prefix.length())];
            for (int i = 0; i < name.length; i++) {
                name[i] = text.getByte(start + prefix.length() + i);
            }
            return new String(name, StandardCharsets.UTF_8);
        }
    }
}
