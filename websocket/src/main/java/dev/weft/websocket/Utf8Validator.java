package dev.weft.websocket;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Incremental UTF-8 validation as a DFA (states and byte classes derived here from Unicode
 * Table 3-7 "Well-Formed UTF-8 Byte Sequences"). Feed runs of bytes in order; a code point may
 * be split anywhere across runs (fragments, reads). {@link #update} fails at the first byte that
 * cannot start or continue a well-formed sequence, so an invalid text message is refused before
 * its end arrives. Overlongs (C0, C1, E0 80-9F, F0 80-8F), surrogates (ED A0-BF) and code points
 * above U+10FFFF (F4 90-BF, F5-FF) are rejected.
 *
 * <p>The DFA is a shift DFA (Per Vognsen's formulation): each state is a bit offset, and the
 * row of a byte value packs, at each state's offset, the 6-bit next state, so one step is
 * {@code s = ROW[b] >>> s} (a long shift uses only the count's low six bits). The chain from
 * byte to byte is one shift, with no branch; bytes go eight at a time from a long, and a word
 * of ASCII with no sequence open is skipped whole.
 *
 * <p>With {@code jdk.incubator.vector} present, runs of at least one vector (plus three bytes)
 * are checked a vector at a time by {@link VectorUtf8Check} after the DFA has taken their first
 * three bytes; the DFA then finishes from the start of the last open sequence, and when a vector
 * shows an error, from the start of the sequence open into it, so the failing byte is the one
 * the DFA alone would name. One instance per message stream; owned by the connection's decoding
 * thread.
 */
public final class Utf8Validator {

    // States: how much of a sequence is still expected, and what the next byte may be. Each is
    // the offset of its 6-bit field in a row.
    private static final int ACCEPT = 0;
    private static final int NEED_1 = 6;
    private static final int NEED_2 = 12;
    private static final int NEED_3 = 18;
    /** After E0: A0-BF, then one more (no overlong 3-byte). */
    private static final int AFTER_E0 = 24;
    /** After ED: 80-9F, then one more (no surrogates). */
    private static final int AFTER_ED = 30;
    /** After F0: 90-BF, then two more (no overlong 4-byte). */
    private static final int AFTER_F0 = 36;
    /** After F4: 80-8F, then two more (nothing above U+10FFFF). */
    private static final int AFTER_F4 = 42;
    /** Never left: every byte's row keeps it. */
    private static final int REJECT = 48;
    private static final int STATE_BITS = 6;
    private static final long STATE_MASK = (1L << STATE_BITS) - 1;

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

    /** {@code (ROW[b] >>> s) & STATE_MASK} is the state after byte {@code b} in state {@code s}. */
    private static final long[] ROW = new long[256];
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** True if the vector check runs in this JVM; decided once, at class init. */
    private static final boolean VECTOR = Masking.isVectorized() && VectorUtf8Check.isUsable();

    static {
        for (int b = 0; b < 256; b++) {
            long row = 0;
            for (int s = ACCEPT; s <= REJECT; s += STATE_BITS) {
                row |= (long) next(s, classOf(b)) << s;
            }
            ROW[b] = row;
        }
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

    private static int next(int state, int byteClass) {
        boolean isContinuation = byteClass == CONT_80_8F || byteClass == CONT_90_9F || byteClass == CONT_A0_BF;
        return switch (state) {
            case ACCEPT -> switch (byteClass) {
                case ASCII -> ACCEPT;
                case LEAD_2 -> NEED_1;
                case LEAD_E0 -> AFTER_E0;
                case LEAD_3 -> NEED_2;
                case LEAD_ED -> AFTER_ED;
                case LEAD_F0 -> AFTER_F0;
                case LEAD_4 -> NEED_3;
                case LEAD_F4 -> AFTER_F4;
                default -> REJECT;
            };
            case NEED_1 -> isContinuation ? ACCEPT : REJECT;
            case NEED_2 -> isContinuation ? NEED_1 : REJECT;
            case NEED_3 -> isContinuation ? NEED_2 : REJECT;
            case AFTER_E0 -> byteClass == CONT_A0_BF ? NEED_1 : REJECT;
            case AFTER_ED -> byteClass == CONT_80_8F || byteClass == CONT_90_9F ? NEED_1 : REJECT;
            case AFTER_F0 -> byteClass == CONT_90_9F || byteClass == CONT_A0_BF ? NEED_2 : REJECT;
            case AFTER_F4 -> byteClass == CONT_80_8F ? NEED_2 : REJECT;
            default -> REJECT;
        };
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

    /** The DFA over {@code [from, end)}, eight bytes per long, skipping ASCII words between sequences. */
    private boolean scan(MemorySegment segment, long from, long end) {
        long s = state;
        long i = from;
        for (; end - i >= Long.BYTES && s != REJECT; i += Long.BYTES) {
            long w = segment.get(LONG, i);
            if (s != ACCEPT || (w & HIGH_BITS) != 0) {
                long before = s;
                s = ROW[(int) w & 0xff] >>> s;
                s = ROW[(int) (w >>> 8) & 0xff] >>> s;
                s = ROW[(int) (w >>> 16) & 0xff] >>> s;
                s = ROW[(int) (w >>> 24) & 0xff] >>> s;
                s = ROW[(int) (w >>> 32) & 0xff] >>> s;
                s = ROW[(int) (w >>> 40) & 0xff] >>> s;
                s = ROW[(int) (w >>> 48) & 0xff] >>> s;
                s = ROW[(int) (w >>> 56) & 0xff] >>> s;
                s &= STATE_MASK;
                if (s == REJECT) {
                    return reject(segment, i, before);
                }
            }
        }
        for (; i < end && s != REJECT; i++) {
            s = (ROW[segment.get(ValueLayout.JAVA_BYTE, i) & 0xff] >>> s) & STATE_MASK;
            if (s == REJECT) {
                rejectedAt = i;
            }
        }
        state = (int) s;
        return s != REJECT;
    }

    /** Slow path: steps from {@code s} at {@code from} byte by byte to the rejecting byte, known to come. */
    private boolean reject(MemorySegment segment, long from, long s) {
        long i = from;
        while ((s = (ROW[segment.get(ValueLayout.JAVA_BYTE, i) & 0xff] >>> s) & STATE_MASK) != REJECT) {
            i++;
        }
        rejectedAt = i;
        state = REJECT;
        return false;
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
