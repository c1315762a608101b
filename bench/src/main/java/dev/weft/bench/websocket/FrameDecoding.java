package dev.weft.bench.websocket;

import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import dev.weft.websocket.Decoded;
import dev.weft.websocket.FrameChunk;
import dev.weft.websocket.FrameDecoder;
import dev.weft.websocket.Role;
import dev.weft.websocket.Utf8Validator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Server-side receive path of masked text frames, Weft vs Netty: bytes arrive in a receive
 * buffer (one copy, as from the kernel), then each frame is decoded, unmasked and its UTF-8
 * validated. Weft: {@code FrameDecoder} (in place, payload as a slice) + {@code Utf8Validator}.
 * Netty: {@code WebSocket08FrameDecoder} + {@code Utf8FrameValidator} in a channel pipeline, as
 * a Netty server has them, frames released after validation.
 *
 * <p>One operation decodes one batch: {@code max(1, 262144 / (size + 14))} frames of
 * {@code size} payload bytes ({@code text}: ASCII, or with 2- and 3-byte characters), the same batch for
 * both implementations; compare the two scores of one size as a ratio.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
        "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class FrameDecoding {
    private static final int BATCH_BYTES = 256 * 1024;

    @Param({"16", "1024", "65536"})
    public int size;

    @Param({"weft", "netty"})
    public String impl;

    /** {@code ascii}: JSON-like ASCII text; {@code mixed}: a 2- or 3-byte character every ~7. */
    @Param({"ascii", "mixed"})
    public String text;

    private byte[] wire;
    private int frames;
    private BufferPool pool;
    private Buffer receive;
    private FrameDecoder decoder;
    private final Utf8Validator utf8 = new Utf8Validator();
    private EmbeddedChannel channel;

    @Setup(Level.Trial)
    public void setUp() {
        Random rnd = new Random(1);
        String unit = text.equals("ascii") ? "{\"channel\":\"news\",\"data\":{\"seq\":12345}}" : "hello, wörld — ";
        StringBuilder text = new StringBuilder();
        while (text.toString().getBytes(StandardCharsets.UTF_8).length < size) {
            text.append(unit.charAt(text.length() % unit.length()));
        }
        byte[] payload = java.util.Arrays.copyOf(text.toString().getBytes(StandardCharsets.UTF_8), size);
        // Cut at a character boundary: drop a trailing partial sequence by padding with ASCII.
        int end = size;
        while (end > 0 && (payload[end - 1] & 0xC0) == 0x80) {
            end--;
        }
        if (end > 0 && (payload[end - 1] & 0x80) != 0) {
            end--;
        }
        for (int i = end; i < size; i++) {
            payload[i] = 'x';
        }
        frames = Math.max(1, BATCH_BYTES / (size + 14));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int f = 0; f < frames; f++) {
            writeMaskedFrame(out, payload, rnd.nextInt());
        }
        wire = out.toByteArray();
        pool = new BufferPool();
        receive = pool.allocate(wire.length);
        decoder = new FrameDecoder(Role.SERVER, 1 << 20, false);
        channel = new EmbeddedChannel(new WebSocket08FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(true).allowMaskMismatch(false).maxFramePayloadLength(1 << 20)
                .build()), new Utf8FrameValidator());
    }

    private static void writeMaskedFrame(java.io.ByteArrayOutputStream out, byte[] payload, int mask) {
        out.write(0x81); // FIN + text
        int n = payload.length;
        if (n < 126) {
            out.write(0x80 | n);
        } else if (n < 65536) {
            out.write(0x80 | 126);
            out.write(n >>> 8);
            out.write(n & 0xFF);
        } else {
            out.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) {
                out.write((int) ((long) n >>> (8 * i)) & 0xFF);
            }
        }
        byte[] key = {(byte) (mask >>> 24), (byte) (mask >>> 16), (byte) (mask >>> 8), (byte) mask};
        out.write(key, 0, 4);
        for (int i = 0; i < n; i++) {
            out.write(payload[i] ^ key[i & 3]);
        }
    }

    @Benchmark
    public int decodeBatch() {
        return impl.equals("weft") ? weft() : netty();
    }

    private int weft() {
        MemorySegment.copy(wire, 0, receive.segment(), ValueLayout.JAVA_BYTE, 0, wire.length);
        receive.setIndexes(0, wire.length);
        int n = 0;
        while (receive.readableBytes() > 0) {
            Decoded d = decoder.decode(receive);
            if (!(d instanceof FrameChunk c)) {
                throw new IllegalStateException("unexpected " + d);
            }
            Buffer p = c.payload();
            if (!utf8.update(p.segment(), p.readIndex(), p.readableBytes())) {
                throw new IllegalStateException("invalid UTF-8");
            }
            if (c.isFrameEnd()) {
                utf8.reset();
                n++;
            }
        }
        return n;
    }

    private int netty() {
        ByteBuf in = PooledByteBufAllocator.DEFAULT.directBuffer(wire.length);
        in.writeBytes(wire);
        channel.writeInbound(in);
        int n = 0;
        WebSocketFrame f;
        while ((f = channel.readInbound()) != null) {
            f.release();
            n++;
        }
        return n;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        channel.finishAndReleaseAll();
        receive.release();
        pool.close();
    }
}
