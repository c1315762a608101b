package dev.weft.websocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.io.IoBackend;
import dev.weft.websocket.LeakCheck;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The JDK's {@code java.net.http.WebSocket} client against the Weft echo server, on every
 * backend: text, binary, fragmented and large messages, ping/pong, and the close handshake.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JdkClientInteropTest {

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    /** Collects what the JDK client receives; text and binary parts are joined into messages. */
    static final class Recorder implements WebSocket.Listener {
        final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        private StringBuilder text = new StringBuilder();
        private java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
        final CompletableFuture<String> closed = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                events.add(text.toString());
                text = new StringBuilder();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            binary.writeBytes(b);
            if (last) {
                events.add(binary.toByteArray());
                binary = new java.io.ByteArrayOutputStream();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            byte[] b = new byte[message.remaining()];
            message.get(b);
            events.add("pong:" + new String(b));
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode + ":" + reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.completeExceptionally(error);
        }

        Object next() throws InterruptedException {
            Object e = events.poll(20, TimeUnit.SECONDS);
            assertThat(e).as("an event within 20 s").isNotNull();
            return e;
        }
    }

    private static WebSocket open(EchoFixture f, Recorder r) {
        return HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(f.uri("/echo"), r).join();
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void echoesTextAndBinaryMessages(IoBackend backend) throws Exception {
        try (EchoFixture f = new EchoFixture(backend, leaks.newPool())) {
            Recorder r = new Recorder();
            WebSocket ws = open(f, r);
            for (int i = 0; i < 50; i++) {
                ws.sendText("héllo " + i, true).join();
                assertThat(r.next()).isEqualTo("héllo " + i);
                ws.sendBinary(ByteBuffer.wrap(new byte[] {(byte) i, 0, (byte) 0xff}), true).join();
                assertThat((byte[]) r.next()).containsExactly((byte) i, 0, (byte) 0xff);
            }
            ws.sendClose(1000, "bye").join();
            assertThat(r.closed.get(20, TimeUnit.SECONDS)).isEqualTo("1000:");
        }
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void joinsFragmentedMessages(IoBackend backend) throws Exception {
        try (EchoFixture f = new EchoFixture(backend, leaks.newPool())) {
            Recorder r = new Recorder();
            WebSocket ws = open(f, r);
            ws.sendText("one ", false).join();
            ws.sendPing(ByteBuffer.wrap("mid".getBytes())).join(); // a control frame between fragments
            ws.sendText("two ", false).join();
            ws.sendText("three", true).join();
            assertThat(r.next()).isEqualTo("pong:mid");
            assertThat(r.next()).isEqualTo("one two three");
            ws.sendClose(1000, "").join();
            r.closed.get(20, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void echoesLargeBinaryMessages(IoBackend backend) throws Exception {
        try (EchoFixture f = new EchoFixture(backend, leaks.newPool())) {
            Recorder r = new Recorder();
            WebSocket ws = open(f, r);
            byte[] big = new byte[3 * 1024 * 1024 + 7];
            new Random(42).nextBytes(big);
            ws.sendBinary(ByteBuffer.wrap(big), true).join();
            assertThat((byte[]) r.next()).isEqualTo(big);
            ws.sendClose(1000, "").join();
            r.closed.get(20, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void answersPingWithPong(IoBackend backend) throws Exception {
        try (EchoFixture f = new EchoFixture(backend, leaks.newPool())) {
            Recorder r = new Recorder();
            WebSocket ws = open(f, r);
            ws.sendPing(ByteBuffer.wrap("are you there".getBytes())).join();
            assertThat(r.next()).isEqualTo("pong:are you there");
            ws.sendClose(1000, "").join();
            r.closed.get(20, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void echoesTheClientsCloseCode(IoBackend backend) throws Exception {
        try (EchoFixture f = new EchoFixture(backend, leaks.newPool())) {
            Recorder r = new Recorder();
            WebSocket ws = open(f, r);
            ws.sendClose(4321, "application reason").join();
            assertThat(r.closed.get(20, TimeUnit.SECONDS)).isEqualTo("4321:");
        }
    }
}
