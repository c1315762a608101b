package dev.weft.websocket.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.io.IoBackend;
import dev.weft.websocket.LeakCheck;
import dev.weft.websocket.client.WebSocketClient;
import dev.weft.websocket.deflate.PerMessageDeflate;
import dev.weft.websocket.server.EchoFixture;
import dev.weft.websocket.server.WebSocketServer;
import dev.weft.websocket.session.Messages;
import dev.weft.websocket.session.WebSocketOptions;
import dev.weft.websocket.session.WebSocketSession;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Netty 4.2's WebSocket client against the Weft echo server, and the Weft client against a
 * Netty echo server, both with permessage-deflate offered and accepted.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NettyInteropTest {

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    private static final WebSocketOptions DEFLATE = WebSocketOptions.defaults().withDeflate(PerMessageDeflate.defaults());

    private EchoFixture weftEcho(IoBackend backend) {
        var pool = leaks.newPool();
        return new EchoFixture(backend, pool, WebSocketServer.builder(pool).options(DEFLATE)
                .handler(dev.weft.websocket.server.EchoServerMainAccess.echo()).build());
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void nettyClientTalksToWeftServer(IoBackend backend) throws Exception {
        try (EchoFixture f = weftEcho(backend); NettyPeers.Client c = new NettyPeers.Client(f.uri("/chat"))) {
            String big = "compressible text ".repeat(10_000);
            c.send(new TextWebSocketFrame("small"));
            assertThat(c.next()).isEqualTo("small");
            c.send(new TextWebSocketFrame(big));
            assertThat(c.next()).isEqualTo(big);
            byte[] bytes = new byte[100_000];
            new Random(1).nextBytes(bytes);
            c.send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
            assertThat((byte[]) c.next()).isEqualTo(bytes);
            c.send(new TextWebSocketFrame(false, 0, "frag"));
            c.send(new ContinuationWebSocketFrame(false, 0, "men"));
            c.send(new ContinuationWebSocketFrame(true, 0, "ted"));
            assertThat(c.next()).isEqualTo("fragmented");
            c.send(new PingWebSocketFrame(Unpooled.copiedBuffer("hi", StandardCharsets.UTF_8)));
            assertThat(c.next()).isEqualTo("pong:hi");
            c.send(new CloseWebSocketFrame(4001, "bye"));
            assertThat(c.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(4001);
        }
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void weftClientTalksToNettyServer(IoBackend backend) throws Exception {
        try (NettyPeers.EchoServer server = new NettyPeers.EchoServer();
             IoRuntime io = new IoRuntime(backend, leaks.newPool())) {
            Recorder r = new Recorder();
            WebSocketSession s = io.run(WebSocketClient.connect("127.0.0.1", server.port, "/echo", io.pool,
                    DEFLATE, r));
            assertThat(s.isCompressed()).as("permessage-deflate agreed with Netty").isTrue();
            s.sendText("hello netty");
            assertThat(r.next()).isEqualTo("hello netty");
            String big = "compressible text ".repeat(10_000);
            s.sendText(big);
            assertThat(r.next()).isEqualTo(big);
            byte[] bytes = new byte[100_000];
            new Random(2).nextBytes(bytes);
            s.sendBinary(bytes);
            assertThat((byte[]) r.next()).isEqualTo(bytes);
            s.ping("p".getBytes(StandardCharsets.UTF_8));
            assertThat(r.next()).isEqualTo("pong:p");
            s.close(1000, "done");
            assertThat(r.closed.get(10, TimeUnit.SECONDS)).startsWith("1000");
        }
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void weftClientTalksToWeftServer(IoBackend backend) throws Exception {
        try (EchoFixture f = weftEcho(backend)) {
            Recorder r = new Recorder();
            WebSocketSession s = f.run(WebSocketClient.connect(f.uri("/x"), f.pool, DEFLATE, r));
            assertThat(s.isCompressed()).isTrue();
            for (int i = 0; i < 100; i++) {
                s.sendText(Messages.buffer(s.pool(), "message " + i + " ".repeat(i * 10)));
            }
            for (int i = 0; i < 100; i++) {
                assertThat(r.next()).isEqualTo("message " + i + " ".repeat(i * 10));
            }
            s.close(1000, "");
            assertThat(r.closed.get(10, TimeUnit.SECONDS)).startsWith("1000");
        }
    }
}
