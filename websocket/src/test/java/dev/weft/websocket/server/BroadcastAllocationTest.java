package dev.weft.websocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.io.IoBackend;
import dev.weft.io.IoConfig;
import dev.weft.io.IoDrivers;
import dev.weft.io.TcpListener;
import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import dev.weft.io.buffer.BufferPoolConfig;
import dev.weft.runtime.Runtime;
import dev.weft.websocket.LeakCheck;
import dev.weft.websocket.session.Broadcast;
import dev.weft.websocket.session.WebSocketHandler;
import dev.weft.websocket.session.WebSocketOptions;
import dev.weft.websocket.session.WebSocketSession;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fan-out allocates nothing per recipient (seed §5.1): a chat-room relay, where a message from
 * one client is broadcast by its handler (on the worker) to every other session, shares the
 * received buffer by reference count, with no view object per session, and the worker (which
 * receives, fans out and writes every frame) allocates nothing per delivery. Measured as in
 * {@link EchoAllocationTest} (ThreadMXBean, recycling pool, best of repeated windows); runs in
 * that test's JVM of its own.
 *
 * <p>The fan-out stays within the worker's local run queue (256 tasks): a larger burst of wakes
 * spills into the global injection queue, whose lock-free linked list allocates a node per
 * task, and so does a wake from a thread outside the runtime (docs/BENCHMARKS.md).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BroadcastAllocationTest {

    private static final int SUBSCRIBERS = 64;
    private static final int PAYLOAD_BYTES = 100;
    private static final int WARMUP_PUBLICATIONS = 10_000;
    private static final int WINDOW_PUBLICATIONS = 5_000;
    private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(30);
    /**
     * Below any object per delivery (16 B at least); what is left is per publication (the
     * publisher's frame arriving; on epoll up to ~120 B per wake-up was seen, see
     * docs/BENCHMARKS.md), spread over the subscribers, and per-second background.
     */
    private static final double MAX_BYTES_PER_DELIVERY = 4;

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    @ParameterizedTest
    @ValueSource(strings = {"io_uring", "epoll"})
    void broadcastAllocatesNothingPerRecipient(String io) throws Exception {
        BufferPool pool = leaks.register(new BufferPool(BufferPoolConfig.defaults()));
        List<WebSocketSession> sessions = new CopyOnWriteArrayList<>();
        AtomicReference<List<WebSocketSession>> audience = new AtomicReference<>(List.of());
        CompletableFuture<Thread> worker = new CompletableFuture<>();
        WebSocketHandler relay = new WebSocketHandler() {
            @Override
            public void onOpen(WebSocketSession session) {
                worker.complete(Thread.currentThread());
                sessions.add(session);
            }

            @Override
            public void onBinary(WebSocketSession session, Buffer data) {
                Broadcast.send(audience.get(), false, data.retain());
            }
        };
        Runtime rt = Runtime.builder().workers(1).threadName("ws-fanout-alloc-" + io)
                .drivers(IoDrivers.factory(IoBackend.fromLabel(io), IoConfig.defaults(pool))).build();
        AtomicLong delivered = new AtomicLong();
        AtomicReference<Throwable> readerFailure = new AtomicReference<>();
        List<RawClient> clients = new ArrayList<>();
        try {
            WebSocketServer server = WebSocketServer.builder(pool).options(WebSocketOptions.defaults()).handler(relay).build();
            TcpListener listener = rt.blockOn(rt.spawn(server.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))));
            try {
                int port = listener.localAddress().getPort();
                RawClient publisherClient = RawClient.open(port, "");
                clients.add(publisherClient);
                awaitSessions(sessions, 1);
                WebSocketSession publisherSession = sessions.get(0);
                for (int i = 0; i < SUBSCRIBERS; i++) {
                    RawClient subscriberClient = RawClient.open(port, "");
                    subscriberClient.socket.setSoTimeout(0);
                    clients.add(subscriberClient);
                    Thread.ofPlatform().daemon().name("fanout-reader-" + i)
                            .start(() -> readFrames(subscriberClient, delivered, readerFailure));
                }
                awaitSessions(sessions, 1 + SUBSCRIBERS);
                audience.set(sessions.stream().filter(s -> s != publisherSession).toList());
                long workerId = worker.get(10, TimeUnit.SECONDS).threadId();
                byte[] payload = new byte[PAYLOAD_BYTES];
                java.util.Arrays.fill(payload, (byte) 'p');
                Publisher publisher = new Publisher(publisherClient.out, payload, delivered, readerFailure);

                publisher.publish(WARMUP_PUBLICATIONS);
                double best = Double.MAX_VALUE;
                int windows = 0;
                long patience = System.nanoTime() + PATIENCE_NANOS;
                while (best >= MAX_BYTES_PER_DELIVERY && (windows == 0 || System.nanoTime() - patience < 0)) {
                    windows++;
                    long before = allocatedBytes(workerId);
                    publisher.publish(WINDOW_PUBLICATIONS);
                    best = Math.min(best, (allocatedBytes(workerId) - before) / ((double) WINDOW_PUBLICATIONS * SUBSCRIBERS));
                }
                assertThat(best).as("bytes the worker allocated per delivery (%s), best of %d windows", io, windows)
                        .isLessThan(MAX_BYTES_PER_DELIVERY);
            } finally {
                listener.close();
                for (RawClient c : clients) {
                    c.close();
                }
            }
        } finally {
            rt.close();
        }
    }

    private static void awaitSessions(List<WebSocketSession> sessions, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sessions.size() < n && System.nanoTime() - deadline < 0) {
            Thread.sleep(1);
        }
        assertThat(sessions).hasSize(n);
    }

    /** The publishing client: one masked binary frame per publication, the next once every subscriber has it. */
    private static final class Publisher {
        private final OutputStream out;
        private final byte[] frame;
        private final AtomicLong delivered;
        private final AtomicReference<Throwable> readerFailure;
        private long published;

        Publisher(OutputStream out, byte[] payload, AtomicLong delivered, AtomicReference<Throwable> readerFailure) {
            this.out = out;
            this.frame = RawClient.frame(0x82, payload, true);
            this.delivered = delivered;
            this.readerFailure = readerFailure;
        }

        void publish(int count) throws IOException {
            for (int i = 0; i < count; i++) {
                out.write(frame);
                published++;
                long target = published * SUBSCRIBERS;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (delivered.get() < target) {
                    if (readerFailure.get() != null) {
                        throw new AssertionError("a subscriber failed", readerFailure.get());
                    }
                    if (System.nanoTime() - deadline > 0) {
                        throw new AssertionError("publication " + published + " did not reach every subscriber: "
                                + delivered.get() + " of " + target + " deliveries");
                    }
                    Thread.onSpinWait();
                }
            }
        }
    }

    /** Reads unmasked binary frames of {@link #PAYLOAD_BYTES}, checking each, until the socket closes. */
    private static void readFrames(RawClient client, AtomicLong delivered, AtomicReference<Throwable> failure) {
        byte[] frame = new byte[2 + PAYLOAD_BYTES];
        try {
            DataInputStream in = client.in;
            while (true) {
                in.readFully(frame);
                if (frame[0] != (byte) 0x82 || frame[1] != PAYLOAD_BYTES || frame[2] != 'p' || frame[frame.length - 1] != 'p') {
                    throw new IOException("unexpected frame: " + (frame[0] & 0xff) + " " + (frame[1] & 0xff));
                }
                delivered.incrementAndGet();
            }
        } catch (IOException e) {
            if (!client.socket.isClosed()) {
                failure.compareAndSet(null, e);
            }
        }
    }

    private static long allocatedBytes(long threadId) {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getThreadAllocatedBytes(threadId);
    }
}
