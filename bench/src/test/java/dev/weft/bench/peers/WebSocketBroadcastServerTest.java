package dev.weft.bench.peers;

import dev.weft.bench.proc.ServerProcess;
import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The rooms protocol of both broadcast peers: {@code sub:<room>} joins, {@code pub:<room> ...} fans out. */
class WebSocketBroadcastServerTest {

    static Stream<Arguments> servers() {
        List<Arguments> all = new ArrayList<>();
        for (Transport t : Transport.values()) {
            all.add(Arguments.of(NettyWebSocketBroadcastServer.class, t));
            all.add(Arguments.of(WeftWebSocketBroadcastServer.class, t));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("servers")
    void publicationReachesEveryMemberOfItsRoomAndNobodyElse(Class<?> main, Transport transport) throws Exception {
        if (main == NettyWebSocketBroadcastServer.class) {
            Peer.assumeAvailable(transport);
        }
        try (ServerProcess server = Peer.start(main, transport)) {
            List<Long> cpu = new ArrayList<>();
            cpu.add(server.cpuNanos());
            try (WsClient a = WsClient.connect(server.port(), "/");
                 WsClient b = WsClient.connect(server.port(), "/any/path");
                 WsClient c = WsClient.connect(server.port(), "/");
                 WsClient outsider = WsClient.connect(server.port(), "/")) {
                for (WsClient member : List.of(a, b, c)) {
                    member.sendText("sub:lobby");
                    assertThat(member.next(10)).isEqualTo("subscribed:lobby");
                }
                outsider.sendText("sub:other");
                assertThat(outsider.next(10)).isEqualTo("subscribed:other");
                cpu.add(server.cpuNanos());

                Set<String> published = new HashSet<>();
                for (int i = 0; i < 20; i++) {
                    String fromA = "pub:lobby a-" + i + " ünïcode";
                    String fromOutsider = "pub:lobby outsider-" + i;
                    a.sendText(fromA);
                    outsider.sendText(fromOutsider);
                    published.add(fromA);
                    published.add(fromOutsider);
                }
                // Not publications: were any broadcast, a member would get it before pub:lobby end.
                c.sendText("not a publish");
                c.sendText("pub:nobody-here x");
                c.sendBinary("pub:lobby binary".getBytes(StandardCharsets.UTF_8));
                c.sendText("pub:lobby end");
                published.add("pub:lobby end");

                for (WsClient member : List.of(a, b, c)) {
                    List<Object> got = new ArrayList<>();
                    for (int i = 0; i < published.size(); i++) {
                        got.add(member.next(10));
                    }
                    assertThat(got).containsExactlyInAnyOrderElementsOf(published);
                }
                outsider.sendText("pub:other last");
                assertThat(outsider.next(10)).as("the outsider got only its own room").isEqualTo("pub:other last");
                cpu.add(server.cpuNanos());
            }
            Peer.assertReadingsSane(server, cpu);
            Peer.assertStopsOnSigterm(server);
        }
    }

    @Test
    void nettyRoomIsTheNameAfterThePrefixUpToTheFirstSpace() {
        assertThat(NettyWebSocketBroadcastServer.room(utf8("pub:x body"), "pub:")).isEqualTo("x");
        assertThat(NettyWebSocketBroadcastServer.room(utf8("pub:x"), "pub:")).isEqualTo("x");
        assertThat(NettyWebSocketBroadcastServer.room(utf8("pub:"), "pub:")).isEmpty();
        assertThat(NettyWebSocketBroadcastServer.room(utf8("pub"), "pub:")).isNull();
        assertThat(NettyWebSocketBroadcastServer.room(utf8(" pub:x"), "pub:")).isNull();
        assertThat(NettyWebSocketBroadcastServer.room(utf8("xpub:y z").skipBytes(1), "pub:")).isEqualTo("y");
    }

    @Test
    void weftRoomIsTheNameAfterThePrefixUpToTheFirstSpace() {
        try (BufferPool pool = new BufferPool()) {
            for (String[] c : new String[][] {{"pub:x body", "x"}, {"pub:x", "x"}, {"pub:", ""}, {"pub", null},
                    {" pub:x", null}, {"sub:room", null}}) {
                Buffer b = pool.allocate(64).writeBytes(c[0].getBytes(StandardCharsets.UTF_8));
                try {
                    assertThat(WeftWebSocketBroadcastServer.Rooms.room(b, "pub:")).as(c[0]).isEqualTo(c[1]);
                } finally {
                    b.release();
                }
            }
        }
    }

    private static io.netty.buffer.ByteBuf utf8(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }
}
