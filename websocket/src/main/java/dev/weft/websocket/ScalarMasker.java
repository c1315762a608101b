package dev.weft.websocket;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Masking without the Vector API: eight unaligned bytes per step as a long, then the tail byte by byte. */
final class ScalarMasker {

    /** Little-endian so that byte j of the long is byte j in memory, on any platform. */
    private static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private ScalarMasker() {
    }

    static int mask(MemorySegment segment, long offset, long length, int maskKey, int phase) {
        long i = 0;
        if (length >= Long.BYTES) {
            long m = rotatedMask(maskKey, phase);
            long limit = length - Long.BYTES;
            for (; i <= limit; i += Long.BYTES) {
                long at = offset + i;
                segment.set(LONG_LE, at, segment.get(LONG_LE, at) ^ m);
            }
        }
        maskTail(segment, offset, i, length, maskKey, phase);
        return Masking.nextPhase(phase, length);
    }

    /** Bytes {@code [from, length)} of the run, one at a time. */
    static void maskTail(MemorySegment segment, long offset, long from, long length, int maskKey, int phase) {
        for (long i = from; i < length; i++) {
            long at = offset + i;
            byte b = segment.get(ValueLayout.JAVA_BYTE, at);
            segment.set(ValueLayout.JAVA_BYTE, at, (byte) (b ^ Masking.keyByte(maskKey, i + phase)));
        }
    }

    /** Eight key bytes starting at key byte {@code phase}, in memory order (little-endian long). */
    static long rotatedMask(int maskKey, int phase) {
        long m = 0;
        for (int j = 0; j < Long.BYTES; j++) {
            m |= (long) Masking.keyByte(maskKey, phase + j) << (8 * j);
        }
        return m;
    }
}
