package dev.weft.websocket;

import static dev.weft.websocket.Bytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import dev.weft.websocket.Pipeline.Binary;
import dev.weft.websocket.Pipeline.Closed;
import dev.weft.websocket.Pipeline.Text;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrameEncoderTest {

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();
    final BufferPool pool = leaks.newPool();

    private static byte[] wire(OutboundFrame f) {
        return Bytes.concat(Bytes.readable(f.header()), Bytes.readable(f.payload()));
    }

    @ParameterizedTest(name = "{0} bytes -> {1}")
    @CsvSource({
        "0, 8200",
        "125, 827d",
        "126, 827e007e",
        "65535, 827effff",
        "65536, 827f0000000000010000"})
    void serverHeaderUsesTheMinimalLengthEncoding(long length, String header) {
        Buffer out = pool.allocate(FrameLayout.MAX_HEADER_BYTES);
        try {
            int n = FrameEncoder.writeHeader(out, FrameLayout.OPCODE_BINARY, true, false, length, false, 0);
            assertThat(Bytes.toHex(Bytes.readable(out))).isEqualTo(header);
            assertThat(n).isEqualTo(FrameLayout.headerBytes(length, false));
        } finally {
            out.release();
        }
    }

    @Test
    void clientFrameMatchesTheRfcMaskedExample() {
        FrameEncoder client = new FrameEncoder(Role.CLIENT, pool, () -> 0x37fa213d);
        try (OutboundFrame f = client.encode(FrameLayout.OPCODE_TEXT, true, false, Bytes.buffer(pool, "Hello".getBytes()))) {
            assertThat(Bytes.toHex(wire(f))).isEqualTo("818537fa213d7f9f4d5158");
        }
    }

    @Test
    void clientMasksACopyAndLeavesTheSharedPayloadIntact() {
        Buffer shared = Bytes.buffer(pool, "Hello".getBytes());
        FrameEncoder client = new FrameEncoder(Role.CLIENT, pool, () -> 0x01020304);
        try (OutboundFrame f = client.encode(FrameLayout.OPCODE_TEXT, true, false, shared.retainedDuplicate())) {
            assertThat(Bytes.readable(shared)).isEqualTo("Hello".getBytes());
            assertThat(f.payload().segment().address()).isNotEqualTo(shared.segment().address());
        }
        shared.release();
    }

    @Test
    void serverFanOutSharesOnePayloadWithoutCopies() {
        Buffer shared = Bytes.buffer(pool, "broadcast".getBytes());
        FrameEncoder server = new FrameEncoder(Role.SERVER, pool, null);
        List<OutboundFrame> queued = new ArrayList<>();
        for (int connection = 0; connection < 5; connection++) {
            queued.add(server.encode(FrameLayout.OPCODE_TEXT, true, false, shared.retainedDuplicate()));
        }
        shared.release(); // the publisher is done; the queues hold the rest
        assertThat(shared.refCount()).isEqualTo(5);
        for (OutboundFrame f : queued) {
            assertThat(f.payload().segment().address()).isEqualTo(queued.getFirst().payload().segment().address());
            assertThat(f.byteSize()).isEqualTo(2 + 9);
        }
        queued.forEach(OutboundFrame::close);
        assertThat(shared.isReleased()).isTrue();
    }

    @Test
    void encodedFramesDecodeBackBothWays() {
        byte[] big = new byte[70_000];
        new java.util.Random(3).nextBytes(big);
        FrameEncoder client = new FrameEncoder(Role.CLIENT, pool, new java.util.Random(5)::nextInt);
        FrameEncoder server = new FrameEncoder(Role.SERVER, pool, null);
        for (Role sender : Role.values()) {
            FrameEncoder enc = sender == Role.CLIENT ? client : server;
            List<OutboundFrame> frames = List.of(
                    enc.encode(FrameLayout.OPCODE_TEXT, false, false, Bytes.buffer(pool, "Hel".getBytes())),
                    enc.encode(FrameLayout.OPCODE_CONTINUATION, true, false, Bytes.buffer(pool, "lo".getBytes())),
                    enc.encode(FrameLayout.OPCODE_BINARY, true, false, Bytes.buffer(pool, big)),
                    enc.encodeClose(new ClosePayload(1000, "done")));
            byte[] wire = Bytes.concat(frames.stream().map(FrameEncoderTest::wire).toArray(byte[][]::new));
            frames.forEach(OutboundFrame::close);
            Role receiver = sender == Role.CLIENT ? Role.SERVER : Role.CLIENT;
            try (Pipeline p = new Pipeline(pool, receiver, 1 << 20, 1 << 20, null)) {
                assertThat(p.feed(wire, 1000, 7, 3))
                        .containsExactly(new Text("Hello"), new Binary(big), new Closed(1000, "done"));
            }
        }
    }

    @Test
    void invalidControlFramesAreRefusedAndThePayloadReleased() {
        FrameEncoder server = new FrameEncoder(Role.SERVER, pool, null);
        assertThatThrownBy(() -> server.encodeControl(FrameLayout.OPCODE_PING, new byte[126]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.encode(FrameLayout.OPCODE_PING, false, false, Bytes.buffer(pool, hex("00"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
