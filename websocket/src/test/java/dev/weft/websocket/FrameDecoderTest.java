package dev.weft.websocket;

import static dev.weft.websocket.Bytes.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import dev.weft.websocket.Pipeline.Binary;
import dev.weft.websocket.Pipeline.Failed;
import dev.weft.websocket.Pipeline.Ping;
import dev.weft.websocket.Pipeline.Pong;
import dev.weft.websocket.Pipeline.Text;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FrameDecoderTest {

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();
    final BufferPool pool = leaks.newPool();

    // RFC 6455 §5.7 examples.
    static final String UNMASKED_HELLO = "81 05 48656c6c6f";
    static final String MASKED_HELLO = "81 85 37fa213d 7f9f4d5158";
    static final String FRAGMENTED_HELLO = "01 03 48656c" + "80 02 6c6f";
    static final String UNMASKED_PING = "89 05 48656c6c6f";
    static final String MASKED_PONG = "8a 85 37fa213d 7f9f4d5158";

    @Test
    void rfcUnmaskedTextFrame() {
        try (Pipeline p = Pipeline.client(pool)) {
            assertThat(p.feed(hex(UNMASKED_HELLO))).containsExactly(new Text("Hello"));
        }
    }

    @Test
    void rfcMaskedTextFrame() {
        try (Pipeline p = Pipeline.server(pool)) {
            assertThat(p.feed(hex(MASKED_HELLO))).containsExactly(new Text("Hello"));
        }
    }

    @Test
    void rfcFragmentedUnmaskedTextMessage() {
        try (Pipeline p = Pipeline.client(pool)) {
            assertThat(p.feed(hex(FRAGMENTED_HELLO))).containsExactly(new Text("Hello"));
        }
    }

    @Test
    void rfcPingAndMaskedPong() {
        try (Pipeline client = Pipeline.client(pool); Pipeline server = Pipeline.server(pool)) {
            assertThat(client.feed(hex(UNMASKED_PING))).containsExactly(new Ping("Hello"));
            assertThat(server.feed(hex(MASKED_PONG))).containsExactly(new Pong("Hello"));
        }
    }

    @Test
    void rfc256ByteAnd64KiBBinaryFrames() {
        byte[] small = new byte[256];
        byte[] large = new byte[65536];
        Arrays.fill(small, (byte) 7);
        Arrays.fill(large, (byte) 9);
        byte[] wire = Bytes.concat(hex("82 7e 0100"), small, hex("82 7f 0000000000010000"), large);
        try (Pipeline p = Pipeline.client(pool)) {
            assertThat(p.feed(wire)).containsExactly(new Binary(small), new Binary(large));
        }
    }

    @Test
    void everySplitOfTheWireGivesTheSameMessages() {
        byte[] wire = Bytes.concat(hex(MASKED_HELLO), hex("89 80 01020304"), hex("82 fe 0080 a1b2c3d4"), maskedZeros(128));
        for (int size = 1; size <= wire.length; size++) {
            try (Pipeline p = Pipeline.server(pool)) {
                assertThat(p.feed(wire, size)).as("read size %d", size)
                        .containsExactly(new Text("Hello"), new Ping(""), new Binary(new byte[128]));
            }
        }
    }

    /** 128 zero bytes masked with a1b2c3d4: the key repeated. */
    private static byte[] maskedZeros(int n) {
        byte[] key = hex("a1b2c3d4");
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = key[i & 3];
        }
        return out;
    }

    @Test
    void payloadIsUnmaskedInPlaceAsASliceOfTheReceiveBuffer() {
        Buffer in = Bytes.buffer(pool, hex(MASKED_HELLO));
        try {
            FrameChunk c = (FrameChunk) new FrameDecoder(Role.SERVER, 1024, false).decode(in);
            assertThat(Bytes.readable(c.payload())).isEqualTo("Hello".getBytes());
            assertThat(c.payload().segment().address()).isEqualTo(in.segment().address() + 6);
            assertThat(c.isFrameStart() && c.isFrameEnd() && c.isFin()).isTrue();
            assertThat(in.readableBytes()).isZero();
        } finally {
            in.release();
        }
    }

    @Test
    void splitPayloadComesOutAsChunksWithTheMaskPhaseCarried() {
        FrameDecoder d = new FrameDecoder(Role.SERVER, 1024, false);
        byte[] wire = hex(MASKED_HELLO);
        Buffer first = Bytes.buffer(pool, Arrays.copyOf(wire, 7)); // header + 1 payload byte
        Buffer second = Bytes.buffer(pool, Arrays.copyOfRange(wire, 7, wire.length));
        try {
            FrameChunk a = (FrameChunk) d.decode(first);
            String head = new String(Bytes.readable(a.payload())); // the chunk is refilled by the next decode
            assertThat(a.isFrameStart()).isTrue();
            assertThat(a.isFrameEnd()).isFalse();
            assertThat(d.decode(first)).isEqualTo(Decoded.NeedMoreData.INSTANCE);
            FrameChunk b = (FrameChunk) d.decode(second);
            assertThat(head + new String(Bytes.readable(b.payload()))).isEqualTo("Hello");
            assertThat(b.isFrameStart()).isFalse();
            assertThat(b.isFrameEnd()).isTrue();
        } finally {
            first.release();
            second.release();
        }
    }

    @Test
    void afterAViolationEveryCallReturnsItAndConsumesNothing() {
        FrameDecoder d = new FrameDecoder(Role.SERVER, 1024, false);
        Buffer in = Bytes.buffer(pool, hex("83 80 00000000 81 80 00000000"));
        try {
            Decoded first = d.decode(in);
            long left = in.readableBytes();
            assertThat(first).isInstanceOf(Violation.class);
            assertThat(d.decode(in)).isEqualTo(first);
            assertThat(in.readableBytes()).isEqualTo(left);
            assertThat(d.isFailed()).isTrue();
        } finally {
            in.release();
        }
    }

    static Stream<Arguments> violations() {
        return Stream.of(
                Arguments.of("81 05 48656c6c6f", Role.SERVER, 1002, "client frame not masked"),
                Arguments.of("81 85 37fa213d 7f9f4d5158", Role.CLIENT, 1002, "server frame masked"),
                Arguments.of("c1 80 00000000", Role.SERVER, 1002, "RSV1 set without an extension"),
                Arguments.of("a1 80 00000000", Role.SERVER, 1002, "RSV2/RSV3 set without an extension"),
                Arguments.of("91 80 00000000", Role.SERVER, 1002, "RSV2/RSV3 set without an extension"),
                Arguments.of("83 80 00000000", Role.SERVER, 1002, "unknown opcode 3"),
                Arguments.of("8b 80 00000000", Role.SERVER, 1002, "unknown opcode 11"),
                Arguments.of("09 80 00000000", Role.SERVER, 1002, "fragmented control frame"),
                Arguments.of("89 fe 007e", Role.SERVER, 1002, "control frame longer than 125 bytes"),
                Arguments.of("82 fe 0005 00000000", Role.SERVER, 1002, "non-minimal 16-bit length 5"),
                Arguments.of("82 ff 000000000000ffff 00000000", Role.SERVER, 1002, "non-minimal 64-bit length 65535"),
                Arguments.of("82 ff 8000000000000000 00000000", Role.SERVER, 1002, "64-bit length with the top bit set"),
                Arguments.of("82 ff 0000000000100001 00000000", Role.SERVER, 1009, "frame of 1048577 bytes exceeds 1048576"));
    }

    @ParameterizedTest(name = "{0} -> {2} {3}")
    @MethodSource("violations")
    void violationsCloseWithTheirCode(String wire, Role role, int code, String reason) {
        for (int size : new int[] {1, 1000}) {
            try (Pipeline p = new Pipeline(pool, role, 1 << 20, 1 << 20, null)) {
                assertThat(p.feed(hex(wire), size)).containsExactly(new Failed(code, reason));
            }
        }
    }

    @Test
    void badFirstByteFailsBeforeTheRestOfTheHeaderArrives() {
        FrameDecoder d = new FrameDecoder(Role.SERVER, 1024, false);
        Buffer in = Bytes.buffer(pool, hex("83 80"));
        try {
            assertThat(d.decode(in)).isEqualTo(Violation.protocolError("unknown opcode 3"));
        } finally {
            in.release();
        }
    }

    @Test
    void rsv1IsAllowedOnlyOnDataFramesWhenDeflateIsNegotiated() {
        for (String wire : new String[] {"c0 80 00000000", "c9 80 00000000"}) {
            FrameDecoder d = new FrameDecoder(Role.SERVER, 1024, true);
            Buffer in = Bytes.buffer(pool, hex(wire));
            try {
                assertThat(d.decode(in)).isEqualTo(Violation.protocolError("RSV1 set on a control or continuation frame"));
            } finally {
                in.release();
            }
        }
        FrameDecoder d = new FrameDecoder(Role.SERVER, 1024, true);
        Buffer in = Bytes.buffer(pool, hex("c1 80 00000000"));
        try {
            assertThat(((FrameChunk) d.decode(in)).isRsv1()).isTrue();
        } finally {
            in.release();
        }
    }
}
