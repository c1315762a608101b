package dev.weft.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import dev.weft.io.buffer.BufferPoolConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the request decoder with small limits (so every limit is reachable) and random read
 * sizes. For every input: no exception escapes, the result is the same read whole or in pieces,
 * it ends in requests, a need-more-data state or a rejection with a 4xx (or 501/505) status and a
 * reason, and no buffer stays allocated. The same inputs drive a whole {@link Http1Connection}
 * through a small output buffer. Runs the seeds in
 * {@code RequestDecoderFuzzTestInputs/} as a regression test; see the module README to fuzz.
 */
class RequestDecoderFuzzTest {

    private static final Set<Integer> REJECTION_STATUSES = Set.of(400, 413, 414, 431, 501, 505);
    /** One pool for every input (a pool per input would dominate the run); checked per input. */
    private static final BufferPool POOL = new BufferPool(BufferPoolConfig.defaults());

    @AfterAll
    static void closePool() {
        POOL.close();
    }

    @FuzzTest(maxDuration = "10s")
    void decodesEveryInputToAVerdict(FuzzedDataProvider data) {
        HttpLimits limits = new HttpLimits(data.consumeInt(16, 300), data.consumeInt(1, 600), data.consumeInt(1, 12),
                data.consumeLong(0, 2000));
        int pieceBytes = data.consumeInt(1, 64);
        byte[] input = data.consumeRemainingAsBytes();

        List<String> whole = Decoding.run(POOL, limits, input);
        List<String> pieces = Decoding.run(POOL, limits, split(input, pieceBytes));

        assertThat(pieces).as("same result read in pieces of %d", pieceBytes).isEqualTo(whole);
        String last = whole.isEmpty() ? "" : whole.get(whole.size() - 1);
        if (last.startsWith("rejected ")) {
            int status = Integer.parseInt(last.substring(9, 12));
            assertThat(REJECTION_STATUSES).as(last).contains(status);
            assertThat(last.length()).as("a reason follows the status").isGreaterThan(13);
        }
        assertThat(POOL.stats().outstandingBuffers()).as("buffers still allocated").isZero();
    }

    @FuzzTest(maxDuration = "10s")
    void connectionAnswersEveryInput(FuzzedDataProvider data) {
        HttpLimits limits = new HttpLimits(data.consumeInt(16, 300), data.consumeInt(1, 600), data.consumeInt(1, 12),
                data.consumeLong(0, 2000));
        int outBytes = data.consumeInt(1, 300);
        int pieceBytes = data.consumeInt(1, 64);
        byte[] input = data.consumeRemainingAsBytes();
        Router<HttpHandler> router = Router.<HttpHandler>builder()
                .post("/echo/{x}", ex -> Response.text(200, ex.bodyAsString() + ex.query()))
                .get("/*", ex -> Response.of(204))
                .build();
        StringBuilder sent = new StringBuilder();
        Buffer in = POOL.allocate(Math.max(1, input.length));
        Buffer out = POOL.allocate(outBytes);
        try (Http1Connection connection = new Http1Connection(POOL, limits, router, new ResponseWriter(null), e -> {
            throw new AssertionError("handler threw", e);
        })) {
            feed:
            for (byte[] piece : split(input, pieceBytes)) {
                in.writeBytes(piece);
                while (true) {
                    ConnectionOutcome outcome = connection.onRead(in, out);
                    sent.append(new String(out.readBytes((int) out.readableBytes()), StandardCharsets.ISO_8859_1));
                    out.clear();
                    switch (outcome) {
                        case ConnectionOutcome.Flush f -> {
                        }
                        case ConnectionOutcome.ReadMore r -> {
                            continue feed;
                        }
                        case ConnectionOutcome.Close c -> {
                            break feed;
                        }
                        case ConnectionOutcome.Upgrade u -> {
                            u.request().close();
                            break feed;
                        }
                    }
                }
            }
        } finally {
            in.release();
            out.release();
        }
        if (!sent.isEmpty()) {
            assertThat(sent.toString()).startsWith("HTTP/1.1 ");
        }
        assertThat(POOL.stats().outstandingBuffers()).as("buffers still allocated").isZero();
    }

    private static byte[][] split(byte[] input, int pieceBytes) {
        List<byte[]> pieces = new ArrayList<>();
        for (int i = 0; i < input.length; i += pieceBytes) {
            pieces.add(Arrays.copyOfRange(input, i, Math.min(input.length, i + pieceBytes)));
        }
        return pieces.toArray(new byte[0][]);
    }
}
