package dev.weft.bench.peers;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's WebSocket client, collecting whole messages (text as {@link String}, binary as
 * {@code byte[]}) into a queue in arrival order.
 */
final class WsClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Whole messages; written by the client's listener thread, read by the test thread. */
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final WebSocket socket;

    private WsClient(URI uri) {
        this.socket = HTTP.newWebSocketBuilder().buildAsync(uri, new Collector()).join();
    }

    static WsClient connect(int port, String path) {
        return new WsClient(URI.create("ws://127.0.0.1:" + port + path));
    }

    WebSocket socket() {
        return socket;
    }

    void sendText(String text) {
        socket.sendText(text, true).join();
    }

    void sendBinary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).join();
    }

    /** The next whole message, failing after {@code seconds}. */
    Object next(int seconds) throws InterruptedException {
        Object message = received.poll(seconds, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + seconds + " s");
        }
        return message;
    }

    /** A message already received, or null. */
    Object poll() {
        return received.poll();
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        socket.abort();
    }

    /** Reassembles parts; only the listener thread touches {@code text} and {@code binary}. */
    private final class Collector implements WebSocket.Listener {

        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                received.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.writeBytes(bytes);
            if (last) {
                received.add(binary.toByteArray());
                binary.reset();
            }
            ws.request(1);
            return null;
        }
    }
}
