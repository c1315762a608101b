package dev.weft.websocket;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * UTF-8 checked a vector of bytes at a time with the lookup algorithm of Keiser and Lemire,
 * "Validating UTF-8 In Less Than One Instruction Per Byte" (2021), as simdjson's
 * {@code utf8_lookup4}. Each byte is classified together with the byte before it by three
 * 16-entry tables (high nibble of the previous byte, its low nibble, high nibble of this byte);
 * their AND has one bit per kind of error the pair shows. A pair of continuations is
 * an error unless the byte two or three back is a 3- or 4-byte lead, which the same bit
 * ({@link #TWO_CONTS}) is compared against.
 *
 * <p>Only the full blocks of a run are checked here, after three bytes the DFA has taken; the
 * caller finishes with the DFA from the start of the last (possibly open) sequence, and finds
 * the exact failing byte of a bad block the same way. Loaded only when
 * {@code jdk.incubator.vector} is present, and used only if the preferred species holds a
 * whole table (16 lanes).
 */
final class VectorUtf8Check {

    private static final VectorSpecies<Byte> SPECIES = ByteVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final ByteVector ZERO = ByteVector.zero(SPECIES);

    // Error bits of a (previous byte, this byte) pair, as named in the paper.
    /** Lead or ASCII followed by lead or ASCII where a continuation was due (11______ 0_______, 11______ 11______). */
    private static final int TOO_SHORT = 1;
    /** ASCII followed by a continuation (0_______ 10______). */
    private static final int TOO_LONG = 1 << 1;
    /** E0 80-9F. */
    private static final int OVERLONG_3 = 1 << 2;
    /** F4 90-BF and F5-FF followed by 90-BF: above U+10FFFF. */
    private static final int TOO_LARGE = 1 << 3;
    /** ED A0-BF. */
    private static final int SURROGATE = 1 << 4;
    /** C0 or C1 followed by a continuation. */
    private static final int OVERLONG_2 = 1 << 5;
    /** F5-FF followed by 80-8F (above U+10FFFF), and F0 80-8F (overlong 4-byte) share one bit. */
    private static final int TOO_LARGE_1000 = 1 << 6;
    private static final int OVERLONG_4 = 1 << 6;
    /** Continuation followed by continuation: fine only inside a 3- or 4-byte sequence. */
    private static final int TWO_CONTS = 1 << 7;
    /** Errors decided by the previous byte's high nibble alone. */
    private static final int CARRY = TOO_SHORT | TOO_LONG | TWO_CONTS;

    private static final ByteVector BYTE_1_HIGH = table(
            TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, // 0_______
            TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS, // 10______
            TOO_SHORT | OVERLONG_2, // 1100____
            TOO_SHORT, // 1101____
            TOO_SHORT | OVERLONG_3 | SURROGATE, // 1110____
            TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4); // 1111____

    private static final ByteVector BYTE_1_LOW = table(
            CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4, // ____0000
            CARRY | OVERLONG_2, // ____0001
            CARRY, CARRY, // ____001_
            CARRY | TOO_LARGE, // ____0100
            CARRY | TOO_LARGE | TOO_LARGE_1000, // ____0101
            CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000, // ____011_
            CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000, // ____100_
            CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000, // ____101_
            CARRY | TOO_LARGE | TOO_LARGE_1000, // ____1100
            CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE, // ____1101
            CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000); // ____111_

    private static final ByteVector BYTE_2_HIGH = table(
            TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, // 0_______
            TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4, // 1000____
            TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE, // 1001____
            TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE, // 101_____
            TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
            TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT); // 11______

    private VectorUtf8Check() {
    }

    /** True if a 16-entry table fits in one vector, so the lookups are single shuffles. */
    static boolean isUsable() {
        return LANES >= 16;
    }

    /** Bytes per block; runs shorter than this plus three are left to the scalar DFA. */
    static int blockBytes() {
        return LANES;
    }

    /**
     * Checks the full blocks of {@code [from, end)}. The three bytes before {@code from} must be
     * bytes of the same stream that the DFA has accepted (possibly leaving a sequence open):
     * each byte is judged by the three before it, and those are loaded from memory. Returns the
     * start of the first block that shows an error, or the end of the last full block if none
     * does. Every byte before the returned position is valid, except that the last sequence
     * there may be incomplete (its rest lies beyond).
     *
     * <p>One method with no calls of its own between vector operations: a vector passed to or
     * returned from a call that the JIT does not inline is boxed, which costs far more than the
     * check. The JDK's vector methods are force-inlined; methods here might not be.
     */
    static long checkedPrefix(MemorySegment segment, long from, long end) {
        long i = from;
        // The bytes before `from` may leave a sequence open: the first block is checked in full.
        boolean isPreviousAscii = false;
        while (end - i >= LANES) {
            ByteVector input = ByteVector.fromMemorySegment(SPECIES, segment, i, ByteOrder.LITTLE_ENDIAN);
            boolean isAscii = !input.compare(VectorOperators.LT, (byte) 0).anyTrue();
            // An ASCII block after a non-ASCII one is checked in full: that catches a sequence
            // the previous block left open.
            if (!(isAscii && isPreviousAscii)) {
                ByteVector prev1 = ByteVector.fromMemorySegment(SPECIES, segment, i - 1, ByteOrder.LITTLE_ENDIAN);
                ByteVector errors = prev1.lanewise(VectorOperators.LSHR, 4).selectFrom(BYTE_1_HIGH)
                        .and(prev1.and((byte) 0x0f).selectFrom(BYTE_1_LOW))
                        .and(input.lanewise(VectorOperators.LSHR, 4).selectFrom(BYTE_2_HIGH));
                // A third or fourth byte of a sequence must show exactly TWO_CONTS; any other byte nothing.
                VectorMask<Byte> isThirdOrFourth = ByteVector.fromMemorySegment(SPECIES, segment, i - 2, ByteOrder.LITTLE_ENDIAN)
                        .compare(VectorOperators.UGE, (byte) 0xe0)
                        .or(ByteVector.fromMemorySegment(SPECIES, segment, i - 3, ByteOrder.LITTLE_ENDIAN)
                                .compare(VectorOperators.UGE, (byte) 0xf0));
                if (errors.compare(VectorOperators.NE, ZERO.blend((byte) TWO_CONTS, isThirdOrFourth)).anyTrue()) {
                    return i;
                }
            }
            isPreviousAscii = isAscii;
            i += LANES;
        }
        return i;
    }

    /**
     * Where the scalar DFA must resume, in its start state, to go on after {@code checked}
     * (returned by {@link #checkedPrefix}, past at least one block): the lead of a sequence
     * open across it, found among the three bytes before it, else {@code checked} itself.
     */
    static long sequenceStart(MemorySegment segment, long checked) {
        for (long j = checked - 1; j >= checked - 3; j--) {
            int b = segment.get(ValueLayout.JAVA_BYTE, j) & 0xff;
            if (b >= 0xc0) {
                return j;
            }
            if (b < 0x80) {
                break;
            }
        }
        return checked;
    }

    private static ByteVector table(int... entries) {
        assert entries.length == 16 : entries.length;
        byte[] lanes = new byte[LANES];
        for (int j = 0; j < LANES; j++) {
            lanes[j] = (byte) entries[j % 16];
        }
        return ByteVector.fromArray(SPECIES, lanes, 0);
    }
}
