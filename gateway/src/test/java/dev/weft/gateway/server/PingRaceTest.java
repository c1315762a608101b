package dev.weft.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.gateway.auth.TokenIssuer;
import dev.weft.gateway.client.Client;
import dev.weft.gateway.client.ClientProtocolHandler;
import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import dev.weft.websocket.session.Messages;
import dev.weft.websocket.session.SendStatus;
import dev.weft.websocket.session.WebSocketSession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The keepalive's ping and the client's pong race: a client may answer before the keepalive
 * thread returns from queueing the ping. The pong must still count as the answer, not as a
 * pong without a ping (3501).
 */
class PingRaceTest {
    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    /** A WebSocket whose peer answers a ping inside the send call, before it returns. */
    private static final class InstantPeer implements WebSocketSession {
        private final BufferPool pool;
        final List<String> sent = new ArrayList<>();
        Client client;
        int closeCode;

        InstantPeer(BufferPool pool) {
            this.pool = pool;
        }

        @Override
        public SendStatus sendText(Buffer utf8) {
            String text = Messages.text(utf8);
            utf8.release();
            sent.add(text);
            if (text.equals("{}")) {
                client.handleFrame("{}".getBytes(StandardCharsets.UTF_8));
            }
            return SendStatus.QUEUED;
        }

        @Override
        public SendStatus sendText(String text) {
            return sendText(Messages.buffer(pool, text));
        }

        @Override
        public SendStatus sendBinary(Buffer data) {
            data.release();
            return SendStatus.QUEUED;
        }

        @Override
        public SendStatus sendBinary(byte[] data) {
            return SendStatus.QUEUED;
        }

        @Override
        public SendStatus send(boolean isText, Buffer payload) {
            return isText ? sendText(payload) : sendBinary(payload);
        }

        @Override
        public SendStatus ping(byte[] payload) {
            return SendStatus.QUEUED;
        }

        @Override
        public void close(int code, String reason) {
            if (closeCode == 0) {
                closeCode = code;
            }
        }

        @Override
        public boolean isOpen() {
            return closeCode == 0;
        }

        @Override
        public String subprotocol() {
            return "";
        }

        @Override
        public boolean isCompressed() {
            return false;
        }

        @Override
        public BufferPool pool() {
            return pool;
        }
    }

    @Test
    void aPongThatArrivesBeforeTheSendReturnsAnswersThePing() {
        BufferPool pool = leaks.newPool();
        ClientProtocolHandler protocol = GatewayMain.protocol(GatewayFixture.SECRET);
        InstantPeer peer = new InstantPeer(pool);
        long opened = System.nanoTime();
        WebSocketClientSession session = new WebSocketClientSession(peer,
                ServerLimits.unlimited(Duration.ofSeconds(1)), null, opened, protocol.metrics());
        Client client = protocol.open(session);
        session.attach(client);
        peer.client = client;
        String token = TokenIssuer.hs256(GatewayFixture.SECRET, InstantSource.system())
                .connectionToken("u", Duration.ofMinutes(5), null, List.of());
        client.handleFrame(("{\"id\":1,\"connect\":{\"token\":\"" + token + "\"}}").getBytes(StandardCharsets.UTF_8));
        assertThat(peer.sent).hasSize(1);

        long second = Duration.ofSeconds(1).toNanos();
        for (int i = 1; i <= 3; i++) {
            session.tick(opened + i * second + i, second);   // a ping each time; the pong comes inside the send
        }

        assertThat(peer.sent).containsExactly(peer.sent.getFirst(), "{}", "{}", "{}");
        assertThat(peer.closeCode).as("close code").isZero();
        assertThat(client.isAwaitingPong()).isFalse();
        client.close();
    }
}
