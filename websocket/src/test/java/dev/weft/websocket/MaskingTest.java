package dev.weft.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MaskingTest {

    private static final int KEY = 0x37fa213d;

    /** Byte by byte, straight from RFC 6455 §5.3: the reference both implementations must match. */
    private static byte[] reference(byte[] data, int offset, int length, int key, int phase) {
        byte[] out = data.clone();
        for (int i = 0; i < length; i++) {
            int k = (key >>> (24 - 8 * ((i + phase) % 4))) & 0xff;
            out[offset + i] = (byte) (out[offset + i] ^ k);
        }
        return out;
    }

    private interface Masker {
        int mask(MemorySegment s, long offset, long length, int key, int phase);
    }

    private static void checkAgainstReference(Masker masker) {
        Random random = new Random(42);
        try (Arena arena = Arena.ofConfined()) {
            for (int length = 0; length <= 300; length += (length < 140 ? 1 : 37)) {
                for (int offset = 0; offset < 8; offset++) {
                    for (int phase = 0; phase < 4; phase++) {
                        byte[] data = new byte[offset + length + 3];
                        random.nextBytes(data);
                        int key = random.nextInt();
                        MemorySegment s = arena.allocate(data.length);
                        MemorySegment.copy(data, 0, s, ValueLayout.JAVA_BYTE, 0, data.length);
                        int next = masker.mask(s, offset, length, key, phase);
                        assertThat(s.toArray(ValueLayout.JAVA_BYTE))
                                .as("length=%d offset=%d phase=%d", length, offset, phase)
                                .isEqualTo(reference(data, offset, length, key, phase));
                        assertThat(next).isEqualTo((phase + length) % 4);
                    }
                }
            }
        }
    }

    @Test
    void scalarMatchesTheReferenceForOddLengthsOffsetsAndEveryPhase() {
        checkAgainstReference(ScalarMasker::mask);
    }

    @Test
    void vectorMatchesTheReferenceForOddLengthsOffsetsAndEveryPhase() {
        checkAgainstReference(VectorMasker::mask);
    }

    @Test
    void vectorModuleIsPresentInTests() {
        assertThat(Masking.isVectorized()).as("tests run with --add-modules jdk.incubator.vector").isTrue();
    }

    @Test
    void maskingASplitPayloadRunByRunEqualsMaskingItWhole() {
        Random random = new Random(7);
        byte[] data = new byte[1000];
        random.nextBytes(data);
        byte[] whole = reference(data, 0, data.length, KEY, 0);
        for (int cut1 = 0; cut1 < 70; cut1 += 3) {
            for (int cut2 = cut1; cut2 < data.length; cut2 += 97) {
                MemorySegment s = MemorySegment.ofArray(data.clone());
                int phase = Masking.mask(s, 0, cut1, KEY, 0);
                phase = Masking.mask(s, cut1, cut2 - cut1, KEY, phase);
                Masking.mask(s, cut2, data.length - cut2, KEY, phase);
                assertThat(s.toArray(ValueLayout.JAVA_BYTE)).as("cuts %d %d", cut1, cut2).isEqualTo(whole);
            }
        }
    }

    @Test
    void maskingTwiceRestoresThePayload() {
        byte[] data = "Hello, masked world of odd length!".getBytes();
        MemorySegment s = MemorySegment.ofArray(data.clone());
        Masking.mask(s, 0, data.length, KEY, 1);
        assertThat(s.toArray(ValueLayout.JAVA_BYTE)).isNotEqualTo(data);
        Masking.mask(s, 0, data.length, KEY, 1);
        assertThat(s.toArray(ValueLayout.JAVA_BYTE)).isEqualTo(data);
    }
}
