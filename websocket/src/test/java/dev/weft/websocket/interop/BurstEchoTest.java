package dev.weft.websocket.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.io.IoBackend;
import dev.weft.websocket.LeakCheck;
import dev.weft.websocket.client.WebSocketClient;
import dev.weft.websocket.server.EchoFixture;
import dev.weft.websocket.session.SendStatus;
import dev.weft.websocket.session.WebSocketOptions;
import dev.weft.websocket.session.WebSocketSession;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Bursts of messages sent from a non-runtime thread come back complete and in order. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BurstEchoTest {

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void burstOfMessagesEchoesInOrder(IoBackend backend) throws Exception {
        java.util.List<WebSocketSession> serverSide = new java.util.concurrent.CopyOnWriteArrayList<>();
        dev.weft.websocket.session.WebSocketHandler echo = dev.weft.websocket.server.EchoServerMainAccess.echo();
        dev.weft.websocket.session.WebSocketHandler h = new dev.weft.websocket.session.WebSocketHandler() {
            @Override
            public void onOpen(WebSocketSession session) {
                serverSide.add(session);
            }

            @Override
            public void onBinary(WebSocketSession session, dev.weft.io.buffer.Buffer data) {
                echo.onBinary(session, data);
            }
        };
        try (EchoFixture f = new EchoFixture(backend, leaks.newPool(), WebSocketOptions.defaults().withWatermarks(1 << 20, 64 << 20), h)) {
            Recorder r = new Recorder();
            WebSocketOptions options = WebSocketOptions.defaults().withWatermarks(1 << 20, 64 << 20);
            WebSocketSession s = f.run(WebSocketClient.connect(f.uri("/"), f.pool, options, r));
            int n = 2000;
            for (int i = 0; i < n; i++) {
                byte[] m = new byte[8192];
                m[0] = (byte) (i >>> 8);
                m[1] = (byte) i;
                assertThat(s.sendBinary(m)).isIn(SendStatus.QUEUED, SendStatus.SLOW);
            }
            for (int i = 0; i < n; i++) {
                Object o = r.events.poll(20, TimeUnit.SECONDS);
                assertThat(o).as("message %d; client %s; server %s", i, s, serverSide).isNotNull();
                byte[] m = (byte[]) o;
                assertThat(((m[0] & 0xff) << 8) | (m[1] & 0xff)).isEqualTo(i & 0xffff);
            }
            s.close(1000, "");
            assertThat(r.closed.get(10, TimeUnit.SECONDS)).startsWith("1000");
        }
    }
}
