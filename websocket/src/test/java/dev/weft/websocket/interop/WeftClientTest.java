package dev.weft.websocket.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.io.IoBackend;
import dev.weft.io.buffer.Buffer;
import dev.weft.websocket.LeakCheck;
import dev.weft.websocket.client.WebSocketClient;
import dev.weft.websocket.client.WebSocketHandshakeException;
import dev.weft.websocket.server.EchoFixture;
import dev.weft.websocket.server.EchoServerMainAccess;
import dev.weft.websocket.server.WebSocketServer;
import dev.weft.websocket.session.Messages;
import dev.weft.websocket.session.WebSocketHandler;
import dev.weft.websocket.session.WebSocketOptions;
import dev.weft.websocket.session.WebSocketSession;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Weft client's handshake checks and close handling, against the Weft server and a fake one. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WeftClientTest {

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    @Test
    void refusedHandshakeFailsTheConnectWithTheStatus() {
        var pool = leaks.newPool();
        try (EchoFixture f = new EchoFixture(IoBackend.EPOLL, pool, WebSocketServer.builder(pool)
                .handlers(path -> path.equals("/ok") ? EchoServerMainAccess.echo() : null).build())) {
            assertThatThrownBy(() -> f.run(WebSocketClient.connect(f.uri("/missing"), pool,
                    WebSocketOptions.defaults(), new Recorder())))
                    .rootCause().isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e).status()).isEqualTo(404));
        }
    }

    @Test
    void wrongAcceptKeyFailsTheConnect() throws Exception {
        try (ServerSocket fake = new ServerSocket(0); IoRuntime io = new IoRuntime(IoBackend.EPOLL, leaks.newPool())) {
            Thread.ofPlatform().start(() -> {
                try (var s = fake.accept()) {
                    s.getInputStream().read(new byte[4096]);
                    s.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\nSec-WebSocket-Accept: bm90IHRoZSByaWdodCBrZXk=\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    s.getInputStream().read();
                } catch (Exception ignored) {
                    // the client hangs up: expected
                }
            });
            assertThatThrownBy(() -> io.run(WebSocketClient.connect("127.0.0.1", fake.getLocalPort(), "/", io.pool,
                    WebSocketOptions.defaults(), new Recorder())))
                    .rootCause().isInstanceOf(WebSocketHandshakeException.class).hasMessageContaining("Accept");
        }
    }

    @Test
    void serverCloseReachesTheClientHandlerAndSubprotocolIsAgreed() throws Exception {
        var pool = leaks.newPool();
        WebSocketHandler closer = new WebSocketHandler() {
            @Override
            public void onText(WebSocketSession s, Buffer utf8) {
                s.close(4100, "server says " + Messages.text(utf8) + " in " + s.subprotocol());
            }
        };
        WebSocketOptions protocols = WebSocketOptions.defaults().withSubprotocols(List.of("chat.v2", "chat.v1"));
        try (EchoFixture f = new EchoFixture(IoBackend.EPOLL, pool, protocols, closer)) {
            Recorder r = new Recorder();
            WebSocketSession s = f.run(WebSocketClient.connect(f.uri("/"), pool,
                    WebSocketOptions.defaults().withSubprotocols(List.of("chat.v1", "chat.v2")), r));
            assertThat(s.subprotocol()).isEqualTo("chat.v1"); // the client's first choice the server supports
            s.sendText("bye");
            assertThat(r.closed.get(10, TimeUnit.SECONDS)).isEqualTo("4100 server says bye in chat.v1");
            assertThat(s.isOpen()).isFalse();
            assertThat(s.sendText("late").isQueued()).isFalse();
        }
    }
}
