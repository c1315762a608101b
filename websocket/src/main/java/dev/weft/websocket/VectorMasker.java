package dev.weft.websocket;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Masking with {@code ByteVector} of the preferred species. The species length is a multiple
 * of 4, so one key vector built for the starting phase serves every full vector of the run;
 * the tail goes to {@link ScalarMasker}. Loaded only when {@code jdk.incubator.vector} is present.
 */
final class VectorMasker {

    private static final VectorSpecies<Byte> SPECIES = ByteVector.SPECIES_PREFERRED;

    private VectorMasker() {
    }

    static int mask(MemorySegment segment, long offset, long length, int maskKey, int phase) {
        int lanes = SPECIES.length();
        long i = 0;
        if (length >= lanes) {
            ByteVector key = keyVector(maskKey, phase, lanes);
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

    private static ByteVector keyVector(int maskKey, int phase, int lanes) {
        byte[] bytes = new byte[lanes];
        for (int j = 0; j < lanes; j++) {
            bytes[j] = (byte) Masking.keyByte(maskKey, phase + j);
        }
        return ByteVector.fromArray(SPECIES, bytes, 0);
    }
}
