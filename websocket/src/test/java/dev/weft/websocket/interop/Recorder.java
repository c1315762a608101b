package dev.weft.websocket.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.io.buffer.Buffer;
import dev.weft.websocket.session.Messages;
import dev.weft.websocket.session.WebSocketHandler;
import dev.weft.websocket.session.WebSocketSession;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Weft handler that records what arrives: text as String, binary as byte[], pongs as
 * {@code "pong:<text>"}; the close as {@code "<code> <reason>"} in {@link #closed}.
 */
final class Recorder implements WebSocketHandler {
    final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();

    @Override
    public void onText(WebSocketSession session, Buffer utf8) {
        events.add(Messages.text(utf8));
    }

    @Override
    public void onBinary(WebSocketSession session, Buffer data) {
        events.add(Messages.bytes(data));
    }

    @Override
    public void onPong(WebSocketSession session, byte[] payload) {
        events.add("pong:" + new String(payload, StandardCharsets.UTF_8));
    }

    @Override
    public void onClose(WebSocketSession session, int code, String reason) {
        closed.complete(code + " " + reason);
    }

    Object next() throws InterruptedException {
        Object e = events.poll(20, TimeUnit.SECONDS);
        assertThat(e).as("an event within 20 s; closed: %s", closed.getNow("open")).isNotNull();
        return e;
    }
}
