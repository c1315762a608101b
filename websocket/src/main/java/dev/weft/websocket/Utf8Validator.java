package dev.weft.websocket;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Incremental UTF-8 validation as a DFA over byte classes (the approach of Björn Höhrmann's
 * decoder, with tables derived here from Unicode Table 3-7 "Well-Formed UTF-8 Byte
 * Sequences"). Feed runs of bytes in order; a code point may be split anywhere across runs
 * (fragments, reads). {@link #update} fails at the first byte that cannot start or continue a
 * well-formed sequence, so an invalid text message is refused before its end arrives.
 * Overlongs (C0, C1, E0 80-9F, F0 80-8F), surrogates (ED A0-BF) and code points above
 * U+10FFFF (F4 90-BF, F5-FF) are rejected.
 *
 * <p>With {@code jdk.incubator.vector} present, runs of at least one vector are checked a
 * vector at a time by {@link VectorUtf8Check} from a code point boundary; the DFA then finishes
 * from the start of the last open sequence, and when a vector shows an error, from the start of
 * the sequence open into it, so the failing byte is the one the DFA alone would name. Otherwise,
 * when no sequence is open, eight bytes are checked at once for a clear high bit (ASCII).
 * One instance per message stream; owned by the connection's decoding thread.
 */
public final class Utf8Validator {

    // States: how much of a sequence is still expected, and what the next byte may be.
    private static final int ACCEPT = 0;
    private static final int NEED_1 = 1;
    private static final int NEED_2 = 2;
    private static final int NEED_3 = 3;
    /** After E0: A0-BF, then one more (no overlong 3-byte). */
    private static final int AFTER_E0 = 4;
    /** After ED: 80-9F, then one more (no surrogates). */
    private static final int AFTER_ED = 5;
    /** After F0: 90-BF, then two more (no overlong 4-byte). */
    private static final int AFTER_F0 = 6;
    /** After F4: 80-8F, then two more (nothing above U+10FFFF). */
    private static final int AFTER_F4 = 7;
    private static final int REJECT = 8;
    private static final int STATES = 9;

    // Byte classes.
    private static final int ASCII = 0;
    private static final int CONT_80_8F = 1;
    private static final int CONT_90_9F = 2;
    private static final int CONT_A0_BF = 3;
    private static final int INVALID = 4;
    private static final int LEAD_2 = 5;
    private static final int LEAD_E0 = 6;
    private static final int LEAD_3 = 7;
    private static final int LEAD_ED = 8;
    private static final int LEAD_F0 = 9;
    private static final int LEAD_4 = 10;
    private static final int LEAD_F4 = 11;
    private static final int CLASSES = 12;

    private static final byte[] CLASS_OF = new byte[256];
    private static final byte[] NEXT = new byte[STATES * CLASSES];
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** True if the vector check runs in this JVM; decided once, at class init. */
    private static final boolean VECTOR = Masking.isVectorized() && VectorUtf8Check.isUsable();

    static {
        for (int b = 0; b < 256; b++) {
            CLASS_OF[b] = (byte) classOf(b);
        }
        java.util.Arrays.fill(NEXT, (byte) REJECT);
        set(ACCEPT, ASCII, ACCEPT);
        set(ACCEPT, LEAD_2, NEED_1);
        set(ACCEPT, LEAD_E0, AFTER_E0);
        set(ACCEPT, LEAD_3, NEED_2);
        set(ACCEPT, LEAD_ED, AFTER_ED);
        set(ACCEPT, LEAD_F0, AFTER_F0);
        set(ACCEPT, LEAD_4, NEED_3);
        set(ACCEPT, LEAD_F4, AFTER_F4);
        for (int c : new int[] {CONT_80_8F, CONT_90_9F, CONT_A0_BF}) {
            set(NEED_1, c, ACCEPT);
            set(NEED_2, c, NEED_1);
            set(NEED_3, c, NEED_2);
        }
        set(AFTER_E0, CONT_A0_BF, NEED_1);
        set(AFTER_ED, CONT_80_8F, NEED_1);
        set(AFTER_ED, CONT_90_9F, NEED_1);
        set(AFTER_F0, CONT_90_9F, NEED_2);
        set(AFTER_F0, CONT_A0_BF, NEED_2);
        set(AFTER_F4, CONT_80_8F, NEED_2);
    }

    private static int classOf(int b) {
        if (b < 0x80) {
            return ASCII;
        } else if (b < 0x90) {
            return CONT_80_8F;
        } else if (b < 0xa0) {
            return CONT_90_9F;
        } else if (b < 0xc0) {
            return CONT_A0_BF;
        } else if (b < 0xc2) {
            return INVALID;
        } else if (b < 0xe0) {
            return LEAD_2;
        } else if (b == 0xe0) {
            return LEAD_E0;
        } else if (b == 0xed) {
            return LEAD_ED;
        } else if (b < 0xf0) {
            return LEAD_3;
        } else if (b == 0xf0) {
            return LEAD_F0;
        } else if (b < 0xf4) {
            return LEAD_4;
        } else if (b == 0xf4) {
            return LEAD_F4;
        }
        return INVALID;
    }

    private static void set(int state, int byteClass, int next) {
        NEXT[state * CLASSES + byteClass] = (byte) next;
    }

    /** Bytes the DFA takes before the vector check, which judges each byte by the three before it. */
    private static final int LOOKBACK_BYTES = 3;

    /** Runs at least this much longer than LOOKBACK_BYTES go through the vector check; MAX_VALUE / 2 when it is off. */
    private final long minVectorBytes;
    /** Owner thread only. The DFA state after the bytes fed so far. */
    private int state = ACCEPT;
    /** Owner thread only. Offset of the byte that made the stream invalid, in its run's segment; -1 while valid. */
    private long rejectedAt = -1;

    public Utf8Validator() {
        this(true);
    }

    /** {@code useVector} false: the DFA alone, the reference the vector check is tested against. */
    Utf8Validator(boolean useVector) {
        this.minVectorBytes = useVector && VECTOR ? VectorUtf8Check.blockBytes() : Long.MAX_VALUE / 2;
    }

    /**
     * Feeds {@code [offset, offset + length)} of {@code segment}; returns false as soon as a
     * byte makes the stream invalid (and stays invalid until {@link #reset()}).
     */
    public boolean update(MemorySegment segment, long offset, long length) {
        long end = offset + length;
        if (length < minVectorBytes + LOOKBACK_BYTES) {
            return scan(segment, offset, end);
        }
        // The DFA takes the first bytes, which the vector check then looks back on.
        long i = offset + LOOKBACK_BYTES;
        if (!scan(segment, offset, i)) {
            return false;
        }
        long checked = VectorUtf8Check.checkedPrefix(segment, i, end);
        if (checked > i) {
            // Blocks passed: everything before `checked` is valid but a sequence open across it.
            state = ACCEPT;
            i = VectorUtf8Check.sequenceStart(segment, checked);
        }
        return scan(segment, i, end);
    }

    /** The DFA over {@code [from, end)}, eight bytes at a time through ASCII. */
    private boolean scan(MemorySegment segment, long from, long end) {
        int s = state;
        long i = from;
        while (i < end && s != REJECT) {
            if (s == ACCEPT) {
                while (end - i >= Long.BYTES && (segment.get(LONG, i) & HIGH_BITS) == 0) {
                    i += Long.BYTES;
                }
                if (i == end) {
                    break;
                }
            }
            s = NEXT[s * CLASSES + CLASS_OF[segment.get(ValueLayout.JAVA_BYTE, i) & 0xff]];
            i++;
        }
        record(s, i);
        return s != REJECT;
    }

    /** Stores the state reached at {@code next}; the loops stop right after the rejecting byte. */
    private void record(int s, long next) {
        if (s == REJECT && state != REJECT) {
            rejectedAt = next - 1;
        }
        state = s;
    }

    /** {@link #update(MemorySegment, long, long)} over a heap array. */
    public boolean update(byte[] bytes, int offset, int length) {
        return update(MemorySegment.ofArray(bytes), offset, length);
    }

    /** True if the bytes fed so far end on a code point boundary with nothing invalid. */
    public boolean isComplete() {
        return state == ACCEPT;
    }

    public boolean isFailed() {
        return state == REJECT;
    }

    /** Offset of the byte that made the stream invalid, in the segment of its run; -1 while valid. */
    long rejectedAt() {
        return rejectedAt;
    }

    /** True if runs of a vector or more go through the vector check. */
    boolean isVectorized() {
        return minVectorBytes != Long.MAX_VALUE / 2;
    }

    /** Back to the start, for the next message. */
    public void reset() {
        state = ACCEPT;
        rejectedAt = -1;
    }

    /** True if the whole of {@code bytes} is well-formed UTF-8. */
    public static boolean isValid(byte[] bytes) {
        Utf8Validator v = new Utf8Validator();
        return v.update(bytes, 0, bytes.length) && v.isComplete();
    }
}
