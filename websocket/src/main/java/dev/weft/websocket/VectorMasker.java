package dev.weft.websocket;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Masking with {@code ByteVector} of the preferred species. The species length is a multiple
 * of 4, so one key vector built for the starting phase serves every full vector of the run;
 * the tail goes to {@link ScalarMasker}. Loaded only when {@code jdk.incubator.vector} is present.
 */
final class VectorMasker {

    private static final VectorSpecies<Byte> SPECIES = ByteVector.SPECIES_PREFERRED;
    /** Ints of the same vector shape, for building the key vector. */
    private static final VectorSpecies<Integer> INT_SPECIES = SPECIES.withLanes(int.class);

    private VectorMasker() {
    }

    static int mask(MemorySegment segment, long offset, long length, int maskKey, int phase) {
        int lanes = SPECIES.length();
        long i = 0;
        if (length >= lanes) {
            ByteVector key = keyVector(maskKey, phase);
            long limit = length - lanes;
            for (; i <= limit; i += lanes) {
                long at = offset + i;
                ByteVector.fromMemorySegment(SPECIES, segment, at, ByteOrder.nativeOrder())
                        .lanewise(VectorOperators.XOR, key)
                        .intoMemorySegment(segment, at, ByteOrder.nativeOrder());
            }
        }
        ScalarMasker.maskTail(segment, offset, i, length, maskKey, phase);
        return Masking.nextPhase(phase, length);
    }

    /**
     * The key bytes from {@code phase} on, repeated over every lane, built by broadcasting one
     * int (no array per call). Reinterpreting ints as bytes lays each int out little-endian, so
     * the int holds the first key byte in its low byte.
     */
    private static ByteVector keyVector(int maskKey, int phase) {
        int fromPhase = Integer.rotateLeft(maskKey, 8 * phase);
        return IntVector.broadcast(INT_SPECIES, Integer.reverseBytes(fromPhase)).reinterpretAsBytes();
    }
}
