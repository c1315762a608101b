package dev.weft.websocket;

import java.lang.foreign.MemorySegment;

/**
 * XOR masking of RFC 6455 §5.3, in place: byte {@code i} of a payload is XORed with byte
 * {@code (i + phase) % 4} of the masking key. The key is an int in wire order (its high byte is
 * the first key byte on the wire). The phase is how many payload bytes of the frame came
 * before this run, mod 4, so a payload split across reads is unmasked run by run.
 *
 * <p>Uses {@code jdk.incubator.vector} when the module is present (the JVM was started with
 * {@code --add-modules jdk.incubator.vector}), else eight bytes at a time with longs. Both give
 * the same bytes; masking is its own inverse, so the same call masks and unmasks.
 */
public final class Masking {

    /** True if the boot layer has the incubator module; decided once, at class init. */
    private static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private Masking() {
    }

    /**
     * XORs {@code [offset, offset + length)} of {@code segment} with the key, starting at key
     * byte {@code phase}; returns the phase for the next run of the same frame.
     */
    public static int mask(MemorySegment segment, long offset, long length, int maskKey, int phase) {
        if (VECTOR) {
            return VectorMasker.mask(segment, offset, length, maskKey, phase);
        }
        return ScalarMasker.mask(segment, offset, length, maskKey, phase);
    }

    /** True if masking runs on the Vector API in this JVM. */
    public static boolean isVectorized() {
        return VECTOR;
    }

    /** Key byte {@code i % 4} of {@code maskKey}, as an unsigned int. */
    static int keyByte(int maskKey, long i) {
        return (maskKey >>> (24 - 8 * (int) (i & 3))) & 0xff;
    }

    static int nextPhase(int phase, long length) {
        return (int) ((phase + length) & 3);
    }
}
