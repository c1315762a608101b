package dev.weft.gateway.load;

import dev.weft.gateway.PoolDrain;
import dev.weft.io.IoBackend;
import dev.weft.io.IoConfig;
import dev.weft.io.IoDrivers;
import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import dev.weft.websocket.client.WebSocketClient;
import dev.weft.websocket.session.Messages;
import dev.weft.websocket.session.WebSocketHandler;
import dev.weft.websocket.session.WebSocketOptions;
import dev.weft.websocket.session.WebSocketSession;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many gateway clients speaking the JSON protocol over Weft's own WebSocket client, on a
 * runtime of their own: each connects with a token, subscribes to one channel and records
 * the offsets of the publications it receives and how its connection closed. Light enough
 * for 10,000 in one JVM (the JDK's WebSocket client is not).
 */
final class CentrifugeClients implements AutoCloseable {
    /** Connections started at once: below the listener's accept backlog. */
    private static final int CONNECT_WINDOW = 256;
    private static final Pattern OFFSET = Pattern.compile("\"offset\":(\\d+)");

    /** One client. Callbacks run on its connection's task; the test thread reads under its lock. */
    static final class Client implements WebSocketHandler {
        private final String token;
        private final String channel;
        final CompletableFuture<Void> subscribed = new CompletableFuture<>();
        /** code and reason of the close, once closed. */
        final CompletableFuture<String> closed = new CompletableFuture<>();
        /** Written by the connection's task; guarded by this. */
        private final List<Long> offsets = new ArrayList<>();
        volatile WebSocketSession session;

        Client(String token, String channel) {
            this.token = token;
            this.channel = channel;
        }

        @Override
        public void onOpen(WebSocketSession s) {
            session = s;
            s.sendText("{\"id\":1,\"connect\":{\"token\":\"" + token + "\"}}");
        }

        @Override
        public void onText(WebSocketSession s, Buffer utf8) {
            // A frame may carry several replies and pushes, one JSON object a line.
            for (String line : Messages.text(utf8).split("\n")) {
                if (line.startsWith("{\"id\":1,\"connect\":")) {
                    s.sendText("{\"id\":2,\"subscribe\":{\"channel\":\"" + channel + "\"}}");
                } else if (line.startsWith("{\"id\":2,\"subscribe\":")) {
                    subscribed.complete(null);
                } else if (line.startsWith("{\"push\":{\"channel\":\"" + channel + "\",\"pub\":")) {
                    Matcher m = OFFSET.matcher(line);
                    long offset = -1;
                    while (m.find()) {
                        offset = Long.parseLong(m.group(1));
                    }
                    synchronized (this) {
                        offsets.add(offset);
                    }
                } else if (line.startsWith("{\"id\":")) {
                    subscribed.completeExceptionally(new IllegalStateException("refused: " + line));
                }
            }
        }

        @Override
        public void onClose(WebSocketSession s, int code, String reason) {
            closed.complete(code + " " + reason);
            subscribed.completeExceptionally(new IllegalStateException("closed " + code + " " + reason));
        }

        synchronized List<Long> offsets() {
            return List.copyOf(offsets);
        }
    }

    final Runtime rt;
    final BufferPool pool = new BufferPool();
    final List<Client> clients = new ArrayList<>();

    CentrifugeClients() {
        this.rt = Runtime.builder().workers(2).threadName("load-clients")
                .drivers(IoDrivers.factory(IoBackend.IO_URING, IoConfig.defaults(pool)))
                .shutdownTimeout(Duration.ofSeconds(10)).build();
    }

    /** Connects {@code count} clients and waits until every one is subscribed to {@code channel}. */
    void connect(URI websocket, String token, String channel, int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JoinHandle<WebSocketSession>> window = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Client c = new Client(token, channel);
            clients.add(c);
            window.add(rt.spawn(WebSocketClient.connect(websocket, pool, WebSocketOptions.defaults(), c)));
            if (window.size() == CONNECT_WINDOW || i == count - 1) {
                for (JoinHandle<WebSocketSession> h : window) {
                    rt.blockOn(h);
                }
                window.clear();
            }
        }
        for (Client c : clients) {
            c.subscribed.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    /** Waits until every client has received at least {@code n} publications. */
    void awaitPublications(int n, Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Client c : clients) {
            while (c.offsets().size() < n) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("a client has " + c.offsets().size() + " of " + n + " publications");
                }
                Thread.sleep(5);
            }
        }
    }

    /** Closes every connection with 1000 and waits for the close handshakes. */
    void closeAll(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Client c : clients) {
            c.session.close(1000, "done");
        }
        for (Client c : clients) {
            c.closed.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void close() {
        PoolDrain.await(pool, Duration.ofSeconds(10));
        rt.close();
        pool.close();
    }
}
