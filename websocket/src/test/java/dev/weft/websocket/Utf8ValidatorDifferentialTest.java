package dev.weft.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The vector check against two references on text dense in multi-byte characters: the JDK's
 * strict decoder for the verdict, and the DFA alone ({@code new Utf8Validator(false)}) for the
 * offset of the first invalid byte. Inputs are cut into two and three runs at every point and
 * placed at every offset of a segment whose surrounding bytes are never valid UTF-8.
 */
class Utf8ValidatorDifferentialTest {

    /** Characters of every length, boundary code points included. */
    private static final String[] PIECES = {
        "a", "{\"k\":1}", "é", "ö", "\u0080", "\u07ff", "€", "—", "中文", "\u0800", "\ud7ff", "\ue000", "\uffff",
        "😀", "\ud800\udc00", "\udbff\udfff"};
    /** Byte strings that are invalid wherever they appear. */
    private static final String[] BAD = {
        "c0af", "c1bf", "e080af", "e09fbf", "f08fbfbf", // overlongs
        "eda080", "edbfbf", // surrogates
        "f4908080", "f5808080", "f8", "ff", "fe", // above U+10FFFF, never-valid bytes
        "80", "bf", "c241", "e241ac", "e2ac", "f09f41", "c2c2", "f0e282ac"}; // stray, truncated

    private static int vectorBytes;

    @BeforeAll
    static void vectorCheckIsOn() {
        Utf8Validator v = new Utf8Validator();
        assertThat(v.isVectorized()).as("vector check on (jdk.incubator.vector present, at least 16 byte lanes); else this suite checks nothing new").isTrue();
        vectorBytes = VectorUtf8Check.blockBytes();
        assertThat(vectorBytes).as("lanes").isGreaterThanOrEqualTo(16);
    }

    private static boolean jdkValid(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Feeds {@code segment[offset + cuts[k] .. offset + cuts[k+1])} run by run; returns the final verdict. */
    private static Utf8Validator feed(boolean useVector, MemorySegment segment, long offset, int... cuts) {
        Utf8Validator v = new Utf8Validator(useVector);
        for (int k = 0; k + 1 < cuts.length; k++) {
            boolean ok = v.update(segment, offset + cuts[k], cuts[k + 1] - cuts[k]);
            assertThat(ok).as("update result is the failed state").isEqualTo(!v.isFailed());
        }
        return v;
    }

    /** Vector and DFA agree on verdict and rejecting offset; the verdict agrees with the JDK's. */
    private static void assertAgree(byte[] bytes, MemorySegment segment, long offset, boolean expected, int... cuts) {
        Utf8Validator vector = feed(true, segment, offset, cuts);
        Utf8Validator scalar = feed(false, segment, offset, cuts);
        String what = "%s at offset %d, runs cut at %s".formatted(Bytes.toHex(bytes), offset, Arrays.toString(cuts));
        assertThat(vector.isComplete() && !vector.isFailed()).as("verdict of %s", what).isEqualTo(expected);
        assertThat(scalar.isComplete() && !scalar.isFailed()).as("DFA verdict of %s", what).isEqualTo(expected);
        assertThat(vector.isFailed()).as("failed state of %s", what).isEqualTo(scalar.isFailed());
        assertThat(vector.rejectedAt()).as("rejecting offset of %s", what).isEqualTo(scalar.rejectedAt());
    }

    /** {@code bytes} copied into a heap segment at {@code offset}, between bytes that are never valid. */
    private static MemorySegment placed(byte[] bytes, int offset) {
        byte[] all = new byte[offset + bytes.length + vectorBytes];
        Arrays.fill(all, (byte) 0xff);
        System.arraycopy(bytes, 0, all, offset, bytes.length);
        return MemorySegment.ofArray(all);
    }

    /** Valid text of exactly {@code length} bytes, mostly multi-byte characters, padded with ASCII. */
    private static byte[] text(Random random, int length) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (true) {
            byte[] piece = PIECES[random.nextInt(PIECES.length)].getBytes(StandardCharsets.UTF_8);
            if (out.size() + piece.length > length) {
                break;
            }
            out.writeBytes(piece);
        }
        while (out.size() < length) {
            out.write('a');
        }
        return out.toByteArray();
    }

    /** {@code text} with one of: a random byte overwritten, a bad sequence inserted, the end cut off. */
    private static byte[] broken(Random random, byte[] text) {
        switch (random.nextInt(3)) {
            case 0 -> {
                byte[] b = text.clone();
                if (b.length > 0) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
                return b;
            }
            case 1 -> {
                byte[] bad = Bytes.hex(BAD[random.nextInt(BAD.length)]);
                int at = random.nextInt(text.length + 1);
                return Bytes.concat(Arrays.copyOf(text, at), bad, Arrays.copyOfRange(text, at, text.length));
            }
            default -> {
                return Arrays.copyOf(text, Math.max(0, text.length - 1 - random.nextInt(3)));
            }
        }
    }

    /** Lengths around one, two and three vectors, where blocks start, end and straddle. */
    private List<Integer> lengthsAroundTheVector() {
        List<Integer> lengths = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            for (int d = -4; d <= 4; d++) {
                lengths.add(k * vectorBytes + d);
            }
        }
        lengths.addAll(List.of(0, 1, 2, 3, 7, 15, 16, 17, 31, 33, 100, 1000));
        return lengths;
    }

    @Test
    void everySplitIntoTwoRunsAgrees() {
        Random random = new Random(7);
        for (int length : lengthsAroundTheVector()) {
            for (int round = 0; round < 12; round++) {
                byte[] text = text(random, length);
                byte[] bytes = round % 3 == 0 ? text : broken(random, text);
                boolean expected = jdkValid(bytes);
                MemorySegment segment = placed(bytes, 5);
                for (int cut = 0; cut <= bytes.length; cut++) {
                    assertAgree(bytes, segment, 5, expected, 0, cut, bytes.length);
                }
            }
        }
    }

    @Test
    void everySplitIntoThreeRunsAgrees() {
        Random random = new Random(11);
        for (int length : List.of(vectorBytes - 1, vectorBytes + 2, 2 * vectorBytes + 3)) {
            for (int round = 0; round < 4; round++) {
                byte[] text = text(random, length);
                byte[] bytes = round == 0 ? text : broken(random, text);
                boolean expected = jdkValid(bytes);
                MemorySegment segment = placed(bytes, 0);
                for (int a = 0; a <= bytes.length; a++) {
                    for (int b = a; b <= bytes.length; b++) {
                        assertAgree(bytes, segment, 0, expected, 0, a, b, bytes.length);
                    }
                }
            }
        }
    }

    @Test
    void everyOffsetInTheSegmentAgrees() {
        Random random = new Random(13);
        for (int length : lengthsAroundTheVector()) {
            for (int round = 0; round < 6; round++) {
                byte[] text = text(random, length);
                byte[] bytes = round % 2 == 0 ? text : broken(random, text);
                boolean expected = jdkValid(bytes);
                for (int offset = 0; offset <= vectorBytes; offset++) {
                    assertAgree(bytes, placed(bytes, offset), offset, expected, 0, bytes.length);
                }
            }
        }
    }

    @Test
    void everyBadSequenceAtEveryPositionOfALongRunAgrees() {
        Random random = new Random(17);
        byte[] text = text(random, 3 * vectorBytes);
        for (String bad : BAD) {
            byte[] b = Bytes.hex(bad);
            for (int at = 0; at <= text.length; at++) {
                byte[] bytes = Bytes.concat(Arrays.copyOf(text, at), b, Arrays.copyOfRange(text, at, text.length));
                assertAgree(bytes, placed(bytes, 3), 3, jdkValid(bytes), 0, bytes.length);
            }
        }
    }

    @Test
    void sequenceCutShortBeforeAsciiBlocksIsRejected() {
        // ASCII blocks after ASCII ones are skipped: one after a block that ends in a cut-short
        // sequence must not be.
        Random random = new Random(37);
        String[] cutShort = {"c3", "e2", "e282", "f0", "f09f", "f09f98"};
        for (String prefix : cutShort) {
            byte[] lead = Bytes.hex(prefix);
            List<Integer> ends = new ArrayList<>(List.of(3, 4)); // in the bytes the DFA takes first, or just after
            for (int end = 2 * vectorBytes - 4; end <= 2 * vectorBytes + 4; end++) {
                ends.add(end);
            }
            for (int end : ends) {
                byte[] bytes = new byte[5 * vectorBytes];
                Arrays.fill(bytes, (byte) 'a');
                byte[] text = text(random, end - lead.length);
                System.arraycopy(text, 0, bytes, 0, text.length);
                System.arraycopy(lead, 0, bytes, text.length, lead.length);
                assertAgree(bytes, placed(bytes, 0), 0, false, 0, bytes.length);
                assertAgree(bytes, placed(bytes, 0), 0, false, 0, 1, bytes.length);
            }
        }
    }

    @Test
    void randomBytesAgree() {
        Random random = new Random(19);
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[random.nextInt(3 * vectorBytes)];
            random.nextBytes(bytes);
            if (round % 2 == 0) {
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) (0x80 | bytes[i]); // only leads and continuations: deep into the tables
                }
            }
            int cut = random.nextInt(bytes.length + 1);
            assertAgree(bytes, placed(bytes, 1), 1, jdkValid(bytes), 0, cut, bytes.length);
        }
    }

    @Test
    void everyTwoByteSequenceAfterEveryLeadAgrees() {
        // All 2^24 triples are too many per vector position; all lead x pair in lane 0, middle and last.
        byte[] bytes = new byte[2 * vectorBytes];
        for (int lead = 0xc0; lead <= 0xff; lead++) {
            for (int second = 0x70; second <= 0xcf; second++) {
                for (int position : new int[] {0, vectorBytes / 2, vectorBytes - 2, vectorBytes - 1}) {
                    Arrays.fill(bytes, (byte) 'a');
                    bytes[position] = (byte) lead;
                    bytes[position + 1] = (byte) second;
                    bytes[position + 2] = (byte) 0x80;
                    bytes[position + 3] = (byte) 0x80;
                    assertAgree(bytes, MemorySegment.ofArray(bytes), 0, jdkValid(bytes), 0, bytes.length);
                }
            }
        }
    }

    @Test
    void nativeSegmentsAgreeAsHeapOnes() {
        Random random = new Random(23);
        try (Arena arena = Arena.ofConfined()) {
            for (int round = 0; round < 2_000; round++) {
                byte[] text = text(random, random.nextInt(4 * vectorBytes));
                byte[] bytes = round % 2 == 0 ? text : broken(random, text);
                int offset = random.nextInt(vectorBytes);
                MemorySegment segment = arena.allocate(offset + bytes.length + 1);
                segment.fill((byte) 0xff);
                MemorySegment.copy(bytes, 0, segment, ValueLayout.JAVA_BYTE, offset, bytes.length);
                int cut = random.nextInt(bytes.length + 1);
                assertAgree(bytes, segment, offset, jdkValid(bytes), 0, cut, bytes.length);
            }
        }
    }

    /**
     * Where the JDK's decoder, fed growing prefixes without end of input, first reports
     * malformed input; -1 if it never does (it waits on a sequence that could be completed).
     * It can be later than the first impossible byte: it judges ED A0 (a surrogate) only
     * when the third byte is there.
     */
    private static int jdkFirstInvalidByte(byte[] bytes) {
        for (int n = 1; n <= bytes.length; n++) {
            java.nio.CharBuffer out = java.nio.CharBuffer.allocate(2 * n);
            java.nio.charset.CoderResult result = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, n), out, false);
            if (result.isError()) {
                return n - 1;
            }
        }
        return -1;
    }

    @Test
    void rejectsOnlyWhatTheJdkFindsMalformedAndNoLater() {
        Random random = new Random(31);
        for (int round = 0; round < 3_000; round++) {
            byte[] bytes = broken(random, text(random, random.nextInt(2 * vectorBytes + 8)));
            Utf8Validator v = new Utf8Validator();
            v.update(bytes, 0, bytes.length);
            int jdk = jdkFirstInvalidByte(bytes);
            String what = "first invalid byte of %s; JDK at %d".formatted(Bytes.toHex(bytes), jdk);
            assertThat(v.rejectedAt() >= 0).as(what).isEqualTo(jdk >= 0);
            assertThat(v.rejectedAt()).as(what).isLessThanOrEqualTo(jdk);
        }
    }

    @Test
    void rejectingOffsetIsTheFirstByteNoSequenceCanTake() {
        byte[] bytes = Bytes.concat(text(new Random(29), 2 * vectorBytes), Bytes.hex("e241ac"));
        Utf8Validator v = new Utf8Validator();
        assertThat(v.update(bytes, 0, bytes.length)).isFalse();
        assertThat(v.rejectedAt()).as("the 41 after E2").isEqualTo(bytes.length - 2);
        v.reset();
        assertThat(v.rejectedAt()).as("after reset").isEqualTo(-1);
    }
}
