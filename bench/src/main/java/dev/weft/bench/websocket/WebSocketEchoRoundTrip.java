package dev.weft.bench.websocket;

import dev.weft.io.IoBackend;
import dev.weft.io.IoConfig;
import dev.weft.io.IoDrivers;
import dev.weft.io.TcpListener;
import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import dev.weft.runtime.Runtime;
import dev.weft.websocket.server.WebSocketServer;
import dev.weft.websocket.session.WebSocketHandler;
import dev.weft.websocket.session.WebSocketOptions;
import dev.weft.websocket.session.WebSocketSession;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One WebSocket echo round trip through Weft's WebSocket server over loopback, per backend:
 * the benchmark thread upgrades a blocking JDK socket once, then per operation writes one masked
 * binary frame of {@code size} payload bytes (built once) and reads the echo frame back. The
 * server is {@code ./weft echo}'s: each message is sent back as the received buffer itself. Its
 * purpose is {@code -prof gc}: the bytes the server allocates per echoed message in steady state
 * (the client allocates nothing per round trip), whose goal is zero. As with
 * {@code TcpEchoRoundTrip}, time per op is mostly two loopback wake-ups.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector",
        "--add-opens", "java.base/java.lang=ALL-UNNAMED"})
public class WebSocketEchoRoundTrip {

    /** Sends every message back as it came, the received buffer itself (as {@code ./weft echo}). */
    static final WebSocketHandler ECHO = new WebSocketHandler() {
        @Override
        public void onText(WebSocketSession session, Buffer utf8) {
            session.sendText(utf8.retain());
        }

        @Override
        public void onBinary(WebSocketSession session, Buffer data) {
            session.sendBinary(data.retain());
        }
    };

    @Param({"io_uring", "epoll"})
    public String io;

    @Param({"64", "4096"})
    public int size;

    private Runtime rt;
    private BufferPool pool;
    private TcpListener listener;
    private SocketChannel client;
    private ByteBuffer frame;
    private ByteBuffer echo;

    @Setup
    public void setUp() throws IOException {
        pool = new BufferPool();
        rt = Runtime.builder().workers(1).threadName("ws-echo-" + io)
                .drivers(IoDrivers.factory(IoBackend.fromLabel(io), IoConfig.defaults(pool)))
                .build();
        WebSocketServer server = WebSocketServer.builder(pool).options(WebSocketOptions.defaults()).handler(ECHO).build();
        listener = rt.blockOn(rt.spawn(server.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))));
        client = SocketChannel.open(listener.localAddress());
        client.setOption(StandardSocketOptions.TCP_NODELAY, true);
        upgrade();
        frame = maskedBinaryFrame(size);
        echo = ByteBuffer.allocateDirect(serverHeaderBytes(size) + size);
    }

    @Benchmark
    public int roundTrip() throws IOException {
        frame.clear();
        while (frame.hasRemaining()) {
            client.write(frame);
        }
        echo.clear();
        while (echo.hasRemaining()) {
            if (client.read(echo) < 0) {
                throw new IOException("server closed");
            }
        }
        if ((echo.get(0) & 0xFF) != 0x82) {
            throw new IOException("not a final binary frame: first byte " + (echo.get(0) & 0xFF));
        }
        return echo.position();
    }

    @TearDown
    public void tearDown() throws IOException {
        client.close();
        listener.close();
        rt.close();
        pool.close();
    }

    private void upgrade() throws IOException {
        String request = "GET / HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
        while (out.hasRemaining()) {
            client.write(out);
        }
        StringBuilder reply = new StringBuilder();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (!reply.toString().endsWith("\r\n\r\n")) {
            one.clear();
            if (client.read(one) < 0) {
                throw new IOException("closed during the handshake: " + reply);
            }
            reply.append((char) one.get(0));
        }
        if (!reply.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + reply);
        }
    }

    /** FIN + binary, masked with a fixed key (the server unmasks whatever the key), payload letters. */
    private static ByteBuffer maskedBinaryFrame(int size) {
        byte[] key = {0x37, (byte) 0xfa, 0x21, 0x3d};
        ByteBuffer f = ByteBuffer.allocateDirect(serverHeaderBytes(size) + 4 + size);
        f.put((byte) 0x82);
        if (size < 126) {
            f.put((byte) (0x80 | size));
        } else {
            f.put((byte) (0x80 | 126)).putShort((short) size);
        }
        f.put(key);
        for (int i = 0; i < size; i++) {
            f.put((byte) (('a' + i % 26) ^ key[i & 3]));
        }
        return f.flip();
    }

    /** 2 bytes up to 125 payload bytes, else 4 (sizes here stay below 64 KiB). */
    private static int serverHeaderBytes(int size) {
        return size < 126 ? 2 : 4;
    }
}
