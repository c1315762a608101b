package dev.weft.websocket.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.io.IoBackend;
import dev.weft.io.buffer.Buffer;
import dev.weft.websocket.LeakCheck;
import dev.weft.websocket.deflate.PerMessageDeflate;
import dev.weft.websocket.server.EchoFixture;
import dev.weft.websocket.server.EchoServerMainAccess;
import dev.weft.websocket.server.WebSocketServer;
import dev.weft.websocket.session.Messages;
import dev.weft.websocket.session.WebSocketHandler;
import dev.weft.websocket.session.WebSocketOptions;
import dev.weft.websocket.session.WebSocketSession;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Jetty 12's WebSocket client against the Weft echo server: whole and partial (fragmented)
 * messages, permessage-deflate negotiated by Jetty or not offered, ping/pong, and close codes
 * sent by either side.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JettyInteropTest {

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    private static final WebSocketOptions DEFLATE = WebSocketOptions.defaults().withDeflate(PerMessageDeflate.defaults());

    private WebSocketClient client;

    @BeforeEach
    void startClient() throws Exception {
        client = new WebSocketClient();
        client.setMaxTextMessageSize(4 << 20);
        client.setMaxBinaryMessageSize(4 << 20);
        client.start();
    }

    @AfterEach
    void stopClient() throws Exception {
        client.stop();
    }

    /** Echoes like the echo server; a text {@code "close <code>"} makes the server close with that code. */
    private static final WebSocketHandler ECHO_OR_CLOSE = new WebSocketHandler() {
        @Override
        public void onText(WebSocketSession session, Buffer utf8) {
            String text = Messages.text(utf8);
            if (text.startsWith("close ")) {
                session.close(Integer.parseInt(text.substring(6)), "server says bye");
            } else {
                EchoServerMainAccess.echo().onText(session, utf8);
            }
        }

        @Override
        public void onBinary(WebSocketSession session, Buffer data) {
            EchoServerMainAccess.echo().onBinary(session, data);
        }
    };

    private EchoFixture weftServer(IoBackend backend) {
        var pool = leaks.newPool();
        return new EchoFixture(backend, pool, WebSocketServer.builder(pool).options(DEFLATE).handler(ECHO_OR_CLOSE).build());
    }

    private Session connect(EchoFixture f, JettyEvents events, boolean offerDeflate) throws Exception {
        ClientUpgradeRequest request = new ClientUpgradeRequest();
        if (offerDeflate) {
            request.addExtensions("permessage-deflate");
        }
        return client.connect(events, f.uri("/jetty"), request).get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void jettyClientNegotiatesDeflateAndEchoesEveryKindOfMessage(IoBackend backend) throws Exception {
        try (EchoFixture f = weftServer(backend)) {
            JettyEvents events = new JettyEvents();
            Session session = connect(f, events, true);
            assertThat(session.getUpgradeResponse().getHeader("Sec-WebSocket-Extensions"))
                    .as("Weft accepted Jetty's permessage-deflate offer").startsWith("permessage-deflate");
            exchangeEveryKind(session, events);
            session.close(4002, "client bye", Callback.NOOP);
            // Weft echoes the client's close code; Jetty reports the peer's code
            assertThat(events.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(4002);
        }
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void jettyClientWithoutDeflateEchoesEveryKindOfMessage(IoBackend backend) throws Exception {
        try (EchoFixture f = weftServer(backend)) {
            JettyEvents events = new JettyEvents();
            Session session = connect(f, events, false);
            assertThat(session.getUpgradeResponse().getHeader("Sec-WebSocket-Extensions")).isNull();
            exchangeEveryKind(session, events);
            session.close(1000, "done", Callback.NOOP);
            assertThat(events.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
        }
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void jettyClientSeesTheCloseCodeTheServerSends(IoBackend backend) throws Exception {
        try (EchoFixture f = weftServer(backend)) {
            JettyEvents events = new JettyEvents();
            Session session = connect(f, events, true);
            session.sendText("close 4007", Callback.NOOP);
            assertThat(events.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(4007);
            assertThat(events.closeReason).isEqualTo("server says bye");
        }
    }

    private static void exchangeEveryKind(Session session, JettyEvents events) throws Exception {
        session.sendText("hello jetty", Callback.NOOP);
        assertThat(events.next()).isEqualTo("hello jetty");
        String big = "compressible text ".repeat(20_000);
        session.sendText(big, Callback.NOOP);
        assertThat(events.next()).isEqualTo(big);
        byte[] bytes = new byte[200_000];
        new Random(5).nextBytes(bytes);
        session.sendBinary(ByteBuffer.wrap(bytes), Callback.NOOP);
        assertThat((byte[]) events.next()).isEqualTo(bytes);
        // partial messages: one text frame and two continuation frames, one message at Weft
        session.sendPartialText("frag", false, Callback.NOOP);
        session.sendPartialText("men", false, Callback.NOOP);
        session.sendPartialText("ted ✓", true, Callback.NOOP);
        assertThat(events.next()).isEqualTo("fragmented ✓");
        session.sendPartialBinary(ByteBuffer.wrap(new byte[] {1, 2}), false, Callback.NOOP);
        session.sendPartialBinary(ByteBuffer.wrap(new byte[] {3}), true, Callback.NOOP);
        assertThat((byte[]) events.next()).containsExactly(1, 2, 3);
        session.sendPing(ByteBuffer.wrap("hi".getBytes(StandardCharsets.UTF_8)), Callback.NOOP);
        assertThat(events.next()).isEqualTo("pong:hi");
    }
}
