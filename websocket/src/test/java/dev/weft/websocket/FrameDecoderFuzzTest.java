package dev.weft.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.weft.io.buffer.BufferPool;
import dev.weft.io.buffer.BufferPoolConfig;
import dev.weft.websocket.Pipeline.Closed;
import dev.weft.websocket.Pipeline.Event;
import dev.weft.websocket.Pipeline.Failed;
import dev.weft.websocket.deflate.MessageInflater;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Fuzzes the receive pipeline (decoder, unmasking, assembly, inflation, UTF-8, close parsing).
 * Input layout: byte 0 picks the role (bit 0) and deflate (bit 1), byte 1 the read size
 * (1-64), the rest is the wire. Properties: nothing throws; every input ends in messages,
 * a wait for more data, or one close with 1002/1007/1009 as the last event; cutting the wire
 * into other reads changes nothing (except which of two 1007 reasons is given when a
 * compressed text is both bad DEFLATE and bad UTF-8: java.util.zip drops the output of the
 * inflate call that fails, so the bad text is only seen if an earlier read produced it); no
 * buffer leaks.
 *
 * <p>In {@code mvn test} this replays the inputs under
 * {@code src/test/resources/dev/weft/websocket/FrameDecoderFuzzTestInputs/decode/};
 * {@code JAZZER_FUZZ=1} fuzzes (see the module README).
 */
class FrameDecoderFuzzTest {

    private static final Set<Integer> FAILURE_CODES = Set.of(CloseCode.PROTOCOL_ERROR,
            CloseCode.INVALID_PAYLOAD_DATA, CloseCode.MESSAGE_TOO_BIG);

    @FuzzTest(maxDuration = "60s")
    void decode(byte[] input) {
        if (input.length < 2) {
            return;
        }
        Role role = (input[0] & 1) == 0 ? Role.SERVER : Role.CLIENT;
        boolean isDeflate = (input[0] & 2) != 0;
        int readSize = 1 + (input[1] & 0x3f);
        byte[] wire = Arrays.copyOfRange(input, 2, input.length);
        try (BufferPool pool = new BufferPool(BufferPoolConfig.defaults().withLeakDetection(false))) {
            List<Event> events = run(pool, role, isDeflate, (input[0] & 4) != 0, wire, readSize);
            List<Event> whole = run(pool, role, isDeflate, (input[0] & 4) != 0, wire, Math.max(1, wire.length));
            assertThat(withoutInvalidPayloadReasons(events)).as("read size %d vs one read", readSize)
                    .isEqualTo(withoutInvalidPayloadReasons(whole));
            for (int i = 0; i < events.size(); i++) {
                Event e = events.get(i);
                if (e instanceof Failed f) {
                    assertThat(i).as("a failure is the last event: %s", events).isEqualTo(events.size() - 1);
                    assertThat(FAILURE_CODES).as("close code of %s", f).contains(f.code());
                    assertThat(f.reason().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(123);
                }
                if (e instanceof Closed c) {
                    assertThat(CloseCode.isValidOnWire(c.code()) || c.code() == CloseCode.NO_STATUS_RECEIVED)
                            .as("received close %s", c).isTrue();
                }
            }
            pool.assertNoLeaks();
        }
    }

    private static List<Event> withoutInvalidPayloadReasons(List<Event> events) {
        return events.stream()
                .map(e -> e instanceof Failed f && f.code() == CloseCode.INVALID_PAYLOAD_DATA ? new Failed(f.code(), "") : e)
                .toList();
    }

    private static List<Event> run(BufferPool pool, Role role, boolean isDeflate, boolean isNoTakeover,
                                   byte[] wire, int readSize) {
        MessageInflater inflater = isDeflate ? new MessageInflater(isNoTakeover) : null;
        try (Pipeline p = new Pipeline(pool, role, 4096, 16384, inflater)) {
            return List.copyOf(p.feed(wire, readSize));
        } finally {
            if (inflater != null) {
                inflater.close();
            }
        }
    }
}
