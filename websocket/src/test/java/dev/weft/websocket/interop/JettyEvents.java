package dev.weft.websocket.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * A Jetty client listener recording text as String, binary as byte[], pongs as
 * {@code "pong:<text>"}. Public because Jetty binds its methods through method handles.
 */
public final class JettyEvents implements Session.Listener.AutoDemanding {
    final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    volatile String closeReason;

    @Override
    public void onWebSocketText(String message) {
        queue.add(message);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        byte[] copy = new byte[payload.remaining()];
        payload.get(copy);
        queue.add(copy);
        callback.succeed();
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        queue.add("pong:" + StandardCharsets.UTF_8.decode(payload));
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closeReason = reason;
        closeCode.complete(statusCode);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        closeCode.completeExceptionally(cause);
    }

    Object next() throws InterruptedException {
        Object e = queue.poll(20, TimeUnit.SECONDS);
        assertThat(e).as("a message within 20 s; closed: %s", closeCode.getNow(-1)).isNotNull();
        return e;
    }
}
