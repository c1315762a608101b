package dev.weft.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import dev.weft.websocket.Pipeline.Binary;
import dev.weft.websocket.Pipeline.Text;
import dev.weft.websocket.deflate.MessageDeflater;
import dev.weft.websocket.deflate.MessageInflater;
import dev.weft.websocket.deflate.PerMessageDeflate;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MessageEncoderTest {

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();
    final BufferPool pool = leaks.newPool();

    private static byte[] wire(OutboundFrame f) {
        return Bytes.concat(Bytes.readable(f.header()), Bytes.readable(f.payload()));
    }

    @Test
    void smallMessagesGoUncompressedAndShared() {
        PerMessageDeflate config = new PerMessageDeflate(6, 64, false, false);
        try (MessageEncoder enc = new MessageEncoder(new FrameEncoder(Role.SERVER, pool, null), config, new MessageDeflater(6, false))) {
            Buffer small = Bytes.buffer(pool, "tiny".getBytes());
            try (OutboundFrame f = enc.encode(true, small.retainedDuplicate())) {
                assertThat(f.header().getByte(0) & FrameLayout.RSV1).isZero();
                assertThat(f.payload().segment().address()).isEqualTo(small.segment().address());
            }
            small.release();
        }
    }

    @Test
    void largeMessagesAreCompressedAndDecodeBack() {
        PerMessageDeflate config = new PerMessageDeflate(6, 64, false, false);
        String text = "{\"channel\":\"news\",\"data\":{\"n\":1}}".repeat(100);
        byte[] binary = new byte[5000];
        byte[] wire;
        try (MessageEncoder enc = new MessageEncoder(new FrameEncoder(Role.SERVER, pool, null), config, new MessageDeflater(6, false))) {
            try (OutboundFrame t = enc.encode(true, Bytes.buffer(pool, text.getBytes(StandardCharsets.UTF_8)));
                 OutboundFrame b = enc.encode(false, Bytes.buffer(pool, binary))) {
                assertThat(t.header().getByte(0) & FrameLayout.RSV1).isNotZero();
                assertThat(t.byteSize()).isLessThan(text.length() / 5);
                wire = Bytes.concat(wire(t), wire(b));
            }
        }
        try (MessageInflater inflater = new MessageInflater(false);
             Pipeline p = new Pipeline(pool, Role.CLIENT, 1 << 20, 1 << 20, inflater)) {
            assertThat(p.feed(wire, 100)).containsExactly(new Text(text), new Binary(binary));
        }
    }

    @Test
    void withoutDeflateEveryMessageIsSentAsIs() {
        try (MessageEncoder enc = new MessageEncoder(new FrameEncoder(Role.SERVER, pool, null), null, null);
             OutboundFrame f = enc.encode(false, Bytes.buffer(pool, new byte[1000]))) {
            assertThat(f.header().getByte(0) & FrameLayout.RSV1).isZero();
            assertThat(f.payload().readableBytes()).isEqualTo(1000);
        }
    }
}
