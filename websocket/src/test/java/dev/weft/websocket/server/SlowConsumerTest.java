package dev.weft.websocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.io.IoBackend;
import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import dev.weft.websocket.LeakCheck;
import dev.weft.websocket.session.Broadcast;
import dev.weft.websocket.session.WebSocketConnection;
import dev.weft.websocket.session.WebSocketHandler;
import dev.weft.websocket.session.WebSocketOptions;
import dev.weft.websocket.session.WebSocketSession;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A peer that stops reading while the server broadcasts: its send queue stays bounded by the
 * high watermark, it is closed with 1008, and a reading peer on the same server gets every
 * message in order. Broadcast shares one payload buffer between the sessions.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SlowConsumerTest {

    private static final long LOW = 64 * 1024;
    private static final long HIGH = 256 * 1024;
    private static final int MESSAGE = 8 * 1024;

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void slowPeerIsClosedWith1008AndOthersGoOn(IoBackend backend) throws Exception {
        List<WebSocketSession> sessions = new CopyOnWriteArrayList<>();
        Map<WebSocketSession, Integer> closeCodes = new ConcurrentHashMap<>();
        WebSocketHandler h = new WebSocketHandler() {
            @Override
            public void onOpen(WebSocketSession s) {
                sessions.add(s);
            }

            @Override
            public void onClose(WebSocketSession s, int code, String reason) {
                closeCodes.put(s, code);
                sessions.remove(s);
            }
        };
        BufferPool pool = leaks.newPool();
        WebSocketOptions options = WebSocketOptions.defaults().withWatermarks(LOW, HIGH)
                .withCloseTimeout(Duration.ofSeconds(40));
        try (EchoFixture f = new EchoFixture(backend, pool, options, h)) {
            try (java.net.Socket slowSocket = new java.net.Socket()) {
                slowSocket.setReceiveBufferSize(4096); // before connect, so the window stays small
                slowSocket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), f.port));
                slowSocket.setSoTimeout(10_000);
                slowSocket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes());
                awaitSessions(sessions, 1);
                WebSocketSession slowSession = sessions.getFirst();

                try (RawClient fast = RawClient.open(f.port, "")) {
                    awaitSessions(sessions, 2);
                    WebSocketSession fastSession = sessions.get(1);
                    AtomicInteger received = new AtomicInteger();
                    java.util.concurrent.atomic.AtomicBoolean fastClosing = new java.util.concurrent.atomic.AtomicBoolean();
                    AtomicReference<Throwable> readerFailure = new AtomicReference<>();
                    Thread reader = Thread.ofPlatform().start(() -> {
                        try {
                            while (true) {
                                RawClient.Frame frame = fast.read();
                                if (frame.opcode() == 0x8) {
                                    if (!fastClosing.get()) {
                                        throw new AssertionError("reading peer closed with " + frame.closeCode()
                                                + " after " + received.get() + " messages");
                                    }
                                    return;
                                }
                                int seq = ((frame.payload()[0] & 0xff) << 24) | ((frame.payload()[1] & 0xff) << 16)
                                        | ((frame.payload()[2] & 0xff) << 8) | (frame.payload()[3] & 0xff);
                                if (seq != received.get()) {
                                    throw new AssertionError("message " + seq + " arrived, expected " + received.get());
                                }
                                received.incrementAndGet();
                            }
                        } catch (Throwable t) {
                            readerFailure.compareAndSet(null, t);
                        }
                    });

                    long maxQueued = 0;
                    int sent = 0;
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    int extraAfterClose = 50;
                    while (extraAfterClose > 0 && System.nanoTime() < deadline) {
                        // Keep the reading peer well below the high watermark: at most 8 messages it
                        // has not read, plus up to one write batch (16 frames) that the server has
                        // written but not yet taken off its count.
                        while (sent - received.get() > 8 && readerFailure.get() == null) {
                            java.util.concurrent.locks.LockSupport.parkNanos(20_000);
                        }
                        Buffer payload = pool.allocate(MESSAGE);
                        payload.writeBytes(new byte[MESSAGE]);
                        payload.setByte(0, (byte) (sent >>> 24)).setByte(1, (byte) (sent >>> 16))
                                .setByte(2, (byte) (sent >>> 8)).setByte(3, (byte) sent);
                        int queued = Broadcast.send(sessions, false, payload);
                        assertThat(queued).as("the reading peer queued message %d; reader %s, received %d, closes %s, queued %d, fast queued %d", sent, readerFailure.get(), received.get(), closeCodes.values(), ((WebSocketConnection) slowSession).queuedBytes(), ((WebSocketConnection) fastSession).queuedBytes()).isGreaterThanOrEqualTo(1);
                        sent++;
                        maxQueued = Math.max(maxQueued, ((WebSocketConnection) slowSession).queuedBytes());
                        if (closeCodes.containsKey(slowSession)) {
                            extraAfterClose--;
                        }
                    }
                    assertThat(closeCodes.get(slowSession)).as("slow peer's close code").isEqualTo(1008);
                    assertThat(maxQueued).as("slow peer's queue stays bounded").isLessThanOrEqualTo(HIGH + MESSAGE + 64);

                    // the slow peer reads now: data that was already on its way, then the close
                    java.io.DataInputStream in = new java.io.DataInputStream(slowSocket.getInputStream());
                    for (int matched = 0; matched < 4; ) { // the 101 answer's head, up to CRLF CRLF
                        int b = in.readUnsignedByte();
                        matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
                    }
                    RawClient.Frame last;
                    try {
                        last = readUntilClose(in);
                    } catch (java.io.IOException e) {
                        throw new AssertionError("slow peer's close did not arrive; server side " + slowSession, e);
                    }
                    assertThat(last.closeCode()).isEqualTo(1008);

                    while (received.get() < sent && readerFailure.get() == null) {
                        Thread.sleep(5);
                    }
                    assertThat(readerFailure.get()).isNull();
                    assertThat(received.get()).as("the reading peer got every message").isEqualTo(sent);
                    assertThat(closeCodes).doesNotContainKey(sessions.getFirst());
                    fastClosing.set(true);
                    fast.send(0x88, new byte[] {0x03, (byte) 0xe8});
                    reader.join(10_000);
                }
            }
        }
    }

    private static RawClient.Frame readUntilClose(java.io.DataInputStream in) throws Exception {
        while (true) {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            long len = b1 & 0x7f;
            if (len == 126) {
                len = in.readUnsignedShort();
            } else if (len == 127) {
                len = in.readLong();
            }
            byte[] payload = new byte[(int) len];
            in.readFully(payload);
            if ((b0 & 0xf) == 0x8) {
                return new RawClient.Frame(true, 0, 0x8, false, payload);
            }
        }
    }

    private static void awaitSessions(List<WebSocketSession> sessions, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sessions.size() < n) {
            assertThat(System.nanoTime()).as("%d sessions open", n).isLessThan(deadline);
            Thread.sleep(2);
        }
    }
}
