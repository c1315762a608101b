package dev.weft.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Damaged frames: whatever the bytes, the decoder returns commands or throws
 * {@link BadRequestException}, never anything else (a stray exception would drop the
 * connection without a close code). Seeded, so a failure reproduces.
 */
class CommandDecoderMutationTest {
    private static final List<String> VALID = List.of(
            "{\"connect\":{\"token\":\"a.b.c\",\"name\":\"js\",\"subs\":{\"x\":{\"recover\":true,\"offset\":3,\"epoch\":\"e\"}}},\"id\":1}",
            "{\"subscribe\":{\"channel\":\"chat:1\",\"recover\":true,\"offset\":12,\"epoch\":\"ab\",\"flag\":3},\"id\":2}",
            "{\"publish\":{\"channel\":\"c\",\"data\":{\"a\":[1,2.5,\"x\",null,true]}},\"id\":3}\n{\"send\":{\"data\":\"s\"}}",
            "{\"history\":{\"channel\":\"c\",\"since\":{\"offset\":1,\"epoch\":\"e\"},\"limit\":10,\"reverse\":true},\"id\":4}",
            "{\"rpc\":{\"method\":\"m\",\"data\":-1e5},\"id\":5}\n{}\n{\"presence_stats\":{\"channel\":\"c\"},\"id\":6}\n");

    private static final byte[] INTERESTING = "{}[]\":,\n\\-0123456789.eE+truefalsnl \u00ff".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void damagedFramesOnlyEverFailAsBadRequests() {
        CommandDecoder decoder = new CommandDecoder();
        SplittableRandom random = new SplittableRandom(20261125);
        int rejected = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] frame = mutate(VALID.get(round % VALID.size()).getBytes(StandardCharsets.UTF_8), random);
            try {
                List<Command> commands = decoder.decode(frame);
                assertThat(commands).as("round %d", round).isNotEmpty();
            } catch (BadRequestException e) {
                assertThat(e.getMessage()).as("round %d", round).isNotBlank();
                rejected++;
            } catch (RuntimeException e) {
                throw new AssertionError("round " + round + " threw " + e + " for "
                        + new String(frame, StandardCharsets.ISO_8859_1), e);
            }
        }
        assertThat(rejected).as("mutations should mostly break frames").isGreaterThan(5_000);
    }

    private static byte[] mutate(byte[] frame, SplittableRandom random) {
        byte[] out = frame.clone();
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && out.length > 0; i++) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(3)) {
                case 0 -> out[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                case 1 -> out = java.util.Arrays.copyOf(out, at);
                default -> {
                    byte[] longer = new byte[out.length + 1];
                    System.arraycopy(out, 0, longer, 0, at);
                    longer[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                    System.arraycopy(out, at, longer, at + 1, out.length - at);
                    out = longer;
                }
            }
        }
        return out;
    }
}
