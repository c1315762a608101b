package dev.weft.websocket.deflate;

import static dev.weft.websocket.Bytes.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import dev.weft.websocket.Bytes;
import dev.weft.websocket.FrameEncoder;
import dev.weft.websocket.FrameLayout;
import dev.weft.websocket.LeakCheck;
import dev.weft.websocket.MessageBuffer;
import dev.weft.websocket.OutboundFrame;
import dev.weft.websocket.Pipeline;
import dev.weft.websocket.Pipeline.Binary;
import dev.weft.websocket.Pipeline.Failed;
import dev.weft.websocket.Pipeline.Text;
import dev.weft.websocket.Role;
import dev.weft.websocket.Violation;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The deflate codecs, alone and inside the receive pipeline; RFC 7692 §7.2.3 examples. */
class MessageCodecTest {

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();
    final BufferPool pool = leaks.newPool();
    final MessageInflater inflater = new MessageInflater(false);

    @AfterEach
    void end() {
        inflater.close();
    }

    private Pipeline client() {
        return new Pipeline(pool, Role.CLIENT, 1 << 20, 1 << 20, inflater);
    }

    private byte[] compress(MessageDeflater deflater, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Buffer out = deflater.compress(MemorySegment.ofArray(bytes), 0, bytes.length, pool);
        try {
            return Bytes.readable(out);
        } finally {
            out.release();
        }
    }

    @Test
    void rfcHelloCompressedInOneFrame() {
        try (Pipeline p = client()) {
            assertThat(p.feed(hex("c1 07 f248cdc9c90700"))).containsExactly(new Text("Hello"));
        }
    }

    @Test
    void rfcHelloCompressedInTwoFragments() {
        try (Pipeline p = client()) {
            assertThat(p.feed(hex("41 03 f248cd" + "80 04 c9c90700"), 1)).containsExactly(new Text("Hello"));
        }
    }

    @Test
    void rfcSecondHelloUsesTheSharedWindow() {
        try (Pipeline p = client()) {
            assertThat(p.feed(hex("c1 07 f248cdc9c90700" + "c1 05 f200110000")))
                    .containsExactly(new Text("Hello"), new Text("Hello"));
        }
    }

    @Test
    void rfcStoredBlockAndFinalBlock() {
        try (Pipeline p = client()) {
            assertThat(p.feed(hex("c1 0b 000500faff48656c6c6f00" // no compression
                    + "c1 08 f348cdc9c9070000"                        // BFINAL set
                    + "c1 07 f248cdc9c90700")))                       // a new stream after the final block
                    .containsExactly(new Text("Hello"), new Text("Hello"), new Text("Hello"));
        }
    }

    @Test
    void deflaterProducesTheRfcBytes() {
        try (MessageDeflater d = new MessageDeflater(6, false)) {
            assertThat(Bytes.toHex(compress(d, "Hello"))).isEqualTo("f248cdc9c90700");
            assertThat(Bytes.toHex(compress(d, "Hello"))).as("context takeover: refers back").isEqualTo("f200110000");
        }
    }

    @Test
    void emptyMessageIsOneZeroByteAndKeepsTheStreamInStep() {
        try (MessageDeflater d = new MessageDeflater(6, false); Pipeline p = client()) {
            byte[] hello = compress(d, "Hello");
            byte[] empty = compress(d, "");
            byte[] again = compress(d, "Hello");
            assertThat(Bytes.toHex(empty)).as("RFC 7692 §7.2.3.6").isEqualTo("00");
            byte[] wire = Bytes.concat(new byte[] {(byte) 0xc1, (byte) hello.length}, hello,
                    new byte[] {(byte) 0xc1, 1}, empty, new byte[] {(byte) 0xc1, (byte) again.length}, again);
            assertThat(p.feed(wire)).containsExactly(new Text("Hello"), new Text(""), new Text("Hello"));
        }
    }

    @Test
    void emptyCompressedPayloadIsTakenAsAnEmptyMessage() {
        try (Pipeline p = client()) {
            assertThat(p.feed(hex("c1 07 f248cdc9c90700" + "c1 00" + "c1 05 f200110000")))
                    .containsExactly(new Text("Hello"), new Text(""), new Text("Hello"));
        }
    }

    @Test
    void withoutContextTakeoverEveryMessageStandsAlone() {
        try (MessageDeflater d = new MessageDeflater(6, true)) {
            assertThat(Bytes.toHex(compress(d, "Hello"))).isEqualTo("f248cdc9c90700");
            assertThat(Bytes.toHex(compress(d, "Hello"))).isEqualTo("f248cdc9c90700");
        }
    }

    @Test
    void compressedFramesRoundTripThroughEncoderAndPipeline() {
        String text = "weft ".repeat(20_000) + "ü€😀";
        try (MessageDeflater d = new MessageDeflater(6, false); Pipeline p = client()) {
            FrameEncoder server = new FrameEncoder(Role.SERVER, pool, null);
            byte[] wire = new byte[0];
            for (int i = 0; i < 3; i++) {
                byte[] compressed = compress(d, text);
                assertThat(compressed.length).isLessThan(text.length() / 10);
                try (OutboundFrame f = server.encode(FrameLayout.OPCODE_TEXT, true, true, Bytes.buffer(pool, compressed))) {
                    wire = Bytes.concat(wire, Bytes.readable(f.header()), Bytes.readable(f.payload()));
                }
            }
            assertThat(p.feed(wire, 999)).containsExactly(new Text(text), new Text(text), new Text(text));
        }
    }

    @Test
    void decompressionBombIs1009AndStopsAtTheCap() {
        byte[] zeros = new byte[10_000_000];
        byte[] bomb;
        try (MessageDeflater d = new MessageDeflater(9, true)) {
            Buffer out = d.compress(MemorySegment.ofArray(zeros), 0, zeros.length, pool);
            bomb = Bytes.readable(out);
            out.release();
        }
        assertThat(bomb.length).isLessThan(20_000);
        MessageBuffer message = new MessageBuffer(pool);
        Violation v = inflater.inflate(MemorySegment.ofArray(bomb), 0, bomb.length, message, 100_000, null);
        assertThat(v).isEqualTo(Violation.tooBig("inflated message exceeds 100000 bytes"));
        assertThat(message.size()).as("inflating stopped one byte past the cap").isEqualTo(100_001);
        message.discard();
        inflater.reset();

        byte[] wire = Bytes.concat(hex("c2 7e"), new byte[] {(byte) (bomb.length >>> 8), (byte) bomb.length}, bomb);
        try (Pipeline p = new Pipeline(pool, Role.CLIENT, 1 << 20, 1 << 20, inflater)) {
            assertThat(p.feed(wire)).containsExactly(new Failed(1009, "inflated message exceeds 1048576 bytes"));
        }
    }

    @Test
    void invalidDeflateDataIs1007() {
        try (Pipeline p = client()) {
            assertThat(p.feed(hex("c2 01 ff"))).containsExactly(new Failed(1007, "invalid DEFLATE data"));
        }
    }

    @Test
    void inflatedTextThatIsNotUtf8Is1007() {
        byte[] compressed;
        try (MessageDeflater d = new MessageDeflater(6, true)) {
            Buffer out = d.compress(MemorySegment.ofArray(hex("61c0")), 0, 2, pool);
            compressed = Bytes.readable(out);
            out.release();
        }
        byte[] wire = Bytes.concat(new byte[] {(byte) 0xc1, (byte) compressed.length}, compressed);
        try (Pipeline p = client()) {
            assertThat(p.feed(wire)).containsExactly(new Failed(1007, "text message is not UTF-8"));
        }
    }

    @Test
    void uncompressedMessagesStillWorkWhenDeflateIsNegotiated() {
        try (Pipeline p = client()) {
            assertThat(p.feed(hex("82 02 0102" + "c2 07 f248cdc9c90700")))
                    .containsExactly(new Binary(hex("0102")), new Binary("Hello".getBytes()));
        }
    }

    @Test
    void thresholdKeepsSmallMessagesUncompressed() {
        PerMessageDeflate config = new PerMessageDeflate(6, 256, false, false);
        assertThat(config.shouldCompress(255)).isFalse();
        assertThat(config.shouldCompress(256)).isTrue();
    }
}
