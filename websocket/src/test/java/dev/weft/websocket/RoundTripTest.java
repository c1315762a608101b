package dev.weft.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import dev.weft.websocket.Pipeline.Binary;
import dev.weft.websocket.Pipeline.Event;
import dev.weft.websocket.Pipeline.Ping;
import dev.weft.websocket.Pipeline.Text;
import dev.weft.websocket.deflate.MessageDeflater;
import dev.weft.websocket.deflate.MessageInflater;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random conversations: messages of random kind and size, cut into random fragments with
 * pings between them, optionally compressed, encoded by one side and decoded by the other
 * from reads of random size. The receiver must see exactly what was sent.
 */
class RoundTripTest {

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();
    final BufferPool pool = leaks.newPool();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void receiverSeesExactlyWhatWasSent(int seed) {
        Random random = new Random(seed);
        Role sender = seed % 2 == 0 ? Role.CLIENT : Role.SERVER;
        boolean isDeflate = seed % 4 >= 2;
        FrameEncoder encoder = new FrameEncoder(sender, pool, random::nextInt);
        List<Event> sent = new ArrayList<>();
        List<byte[]> wire = new ArrayList<>();
        try (MessageDeflater deflater = new MessageDeflater(6, false)) {
            for (int m = 0; m < 30; m++) {
                boolean isText = random.nextBoolean();
                byte[] payload = isText ? randomText(random).getBytes(StandardCharsets.UTF_8) : randomBytes(random);
                sent.add(isText ? new Text(new String(payload, StandardCharsets.UTF_8)) : new Binary(payload));
                byte[] body = payload;
                if (isDeflate) {
                    Buffer c = deflater.compress(java.lang.foreign.MemorySegment.ofArray(payload), 0, payload.length, pool);
                    body = Bytes.readable(c);
                    c.release();
                }
                writeFragmented(encoder, random, isText, isDeflate, body, wire, sent);
            }
        }
        int[] reads = random.ints(5, 1, 3000).toArray();
        Role receiver = sender == Role.CLIENT ? Role.SERVER : Role.CLIENT;
        try (MessageInflater inflater = isDeflate ? new MessageInflater(false) : null;
             Pipeline p = new Pipeline(pool, receiver, 1 << 20, 1 << 20, inflater)) {
            assertThat(p.feed(Bytes.concat(wire.toArray(byte[][]::new)), reads)).containsExactlyElementsOf(sent);
        }
    }

    /** The message as 1-4 fragments, a ping after some of them (the ping goes in {@code sent} before the message). */
    private void writeFragmented(FrameEncoder encoder, Random random, boolean isText, boolean isCompressed,
                                 byte[] body, List<byte[]> wire, List<Event> sent) {
        int fragments = 1 + random.nextInt(4);
        int at = 0;
        for (int f = 0; f < fragments; f++) {
            int end = f == fragments - 1 ? body.length : at + random.nextInt(body.length - at + 1);
            int opcode = f > 0 ? FrameLayout.OPCODE_CONTINUATION : isText ? FrameLayout.OPCODE_TEXT : FrameLayout.OPCODE_BINARY;
            byte[] part = java.util.Arrays.copyOfRange(body, at, end);
            try (OutboundFrame frame = encoder.encode(opcode, f == fragments - 1, isCompressed && f == 0, Bytes.buffer(pool, part))) {
                wire.add(Bytes.concat(Bytes.readable(frame.header()), Bytes.readable(frame.payload())));
            }
            if (f < fragments - 1 && random.nextInt(3) == 0) {
                String ping = "p" + random.nextInt(1000);
                try (OutboundFrame frame = encoder.encodeControl(FrameLayout.OPCODE_PING, ping.getBytes(StandardCharsets.US_ASCII))) {
                    wire.add(Bytes.concat(Bytes.readable(frame.header()), Bytes.readable(frame.payload())));
                }
                sent.add(sent.size() - 1, new Ping(ping));
            }
            at = end;
        }
    }

    private static String randomText(Random random) {
        String[] pieces = {"a", "hello ", "é", "€", "😀", "{\"k\":1}", "\u0800"};
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(4) == 0 ? random.nextInt(20_000) : random.nextInt(40);
        for (int i = 0; i < n; i++) {
            sb.append(pieces[random.nextInt(pieces.length)]);
        }
        return sb.toString();
    }

    private static byte[] randomBytes(Random random) {
        byte[] b = new byte[random.nextInt(4) == 0 ? random.nextInt(70_000) : random.nextInt(200)];
        random.nextBytes(b);
        return b;
    }
}
