package dev.weft.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@code java.net.http.WebSocket} client that queues every text message and remembers the close. */
final class WsClient implements WebSocket.Listener, AutoCloseable {
    record Closed(int code, String reason) {}

    /** Complete messages; written by the client's thread, read by the test. */
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    /** Fragments of the message being received; the client's thread only. */
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket ws;
    /** The id from the connect reply; set by {@link ApiFixture#connect}. */
    String clientId = "";

    WsClient(HttpClient http, URI uri) {
        this.ws = http.newWebSocketBuilder().buildAsync(uri, this).join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Closed(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    void send(String text) {
        ws.sendText(text, true).join();
    }

    /** The next message, failing after 5 s. */
    String next() throws InterruptedException {
        String m = messages.poll(5, TimeUnit.SECONDS);
        assertThat(m).as("a message within 5 s").isNotNull();
        return m;
    }

    /** Asserts nothing arrives for {@code millis}. */
    void assertQuiet(long millis) throws InterruptedException {
        assertThat(messages.poll(millis, TimeUnit.MILLISECONDS)).as("no message").isNull();
    }

    Closed awaitClose() throws Exception {
        return closed.get(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (!ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        }
        ws.abort();
    }
}
