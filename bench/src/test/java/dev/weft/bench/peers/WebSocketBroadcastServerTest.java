package dev.weft.bench.peers;

import dev.weft.bench.proc.ServerProcess;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class WebSocketBroadcastServerTest {

    private static final String PROBE = "pub:probe";

    @ParameterizedTest
    @EnumSource(Transport.class)
    void publishReachesAllThreeClientsAndOtherMessagesReachNone(Transport transport) throws Exception {
        Peer.assumeAvailable(transport);
        try (ServerProcess server = Peer.start(NettyWebSocketBroadcastServer.class, transport)) {
            List<Long> cpu = new ArrayList<>();
            cpu.add(server.cpuNanos());
            try (WsClient a = WsClient.connect(server.port(), "/");
                 WsClient b = WsClient.connect(server.port(), "/room/1");
                 WsClient c = WsClient.connect(server.port(), "/")) {
                List<WsClient> clients = List.of(a, b, c);
                awaitAllJoined(a, clients);
                cpu.add(server.cpuNanos());

                Set<String> published = new HashSet<>();
                for (int i = 0; i < 20; i++) {
                    String fromA = "pub:a-" + i + " ünïcode";
                    String fromB = "pub:b-" + i;
                    a.sendText(fromA);
                    b.sendText(fromB);
                    published.add(fromA);
                    published.add(fromB);
                }
                // Sent on the connection of the last publish: were they broadcast, each client
                // would get them before pub:end, so one of the expected messages would be missing
                // from the first published.size() it receives.
                c.sendText("not a publish");
                c.sendBinary("pub:binary".getBytes(StandardCharsets.UTF_8));
                c.sendText("pub:end");
                published.add("pub:end");

                for (WsClient client : clients) {
                    assertThat(receive(client, published.size())).as("messages at client %d", clients.indexOf(client))
                            .containsExactlyInAnyOrderElementsOf(published);
                }
                cpu.add(server.cpuNanos());
            }
            Peer.assertReadingsSane(server, cpu);
            Peer.assertStopsOnSigterm(server);
        }
    }

    @Test
    void markerIsMatchedOnlyAtTheStart() {
        assertThat(NettyWebSocketBroadcastServer.isPublish(utf8("pub:x"))).isTrue();
        assertThat(NettyWebSocketBroadcastServer.isPublish(utf8("pub:"))).isTrue();
        assertThat(NettyWebSocketBroadcastServer.isPublish(utf8("pub"))).isFalse();
        assertThat(NettyWebSocketBroadcastServer.isPublish(utf8(" pub:x"))).isFalse();
        assertThat(NettyWebSocketBroadcastServer.isPublish(utf8("Pub:x"))).isFalse();
        assertThat(NettyWebSocketBroadcastServer.isPublish(utf8("xpub:x").skipBytes(1))).isTrue();
    }

    private static io.netty.buffer.ByteBuf utf8(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    /**
     * A client joins the group only once the server saw its handshake complete, a moment after
     * the client saw it: publish probes until every client has received one.
     */
    private static void awaitAllJoined(WsClient publisher, List<WsClient> clients) throws InterruptedException {
        boolean[] joined = new boolean[clients.size()];
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            publisher.sendText(PROBE);
            Thread.sleep(20);
            boolean all = true;
            for (int i = 0; i < clients.size(); i++) {
                for (Object m; (m = clients.get(i).poll()) != null; ) {
                    assertThat(m).isEqualTo(PROBE);
                    joined[i] = true;
                }
                all &= joined[i];
            }
            if (all) {
                return;
            }
        }
        throw new AssertionError("not every client received a probe within 10 s");
    }

    /** The next {@code count} messages that are not probes. */
    private static List<String> receive(WsClient client, int count) throws InterruptedException {
        List<String> got = new ArrayList<>();
        while (got.size() < count) {
            Object m = client.next(10);
            assertThat(m).as("only text is broadcast").isInstanceOf(String.class);
            if (!m.equals(PROBE)) {
                got.add((String) m);
            }
        }
        return got;
    }
}
