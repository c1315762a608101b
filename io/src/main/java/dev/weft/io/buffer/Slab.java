package dev.weft.io.buffer;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One large off-heap block, carved once into equal chunks of a single size class. Each slab
 * has its own shared {@link Arena}, so chunks may be used and released on any thread and the
 * slab is freed as a unit by {@link #free()} when the pool closes (never earlier: a chunk goes
 * back to a free list, not to the slab).
 *
 * <p>Thread roles: created by whichever thread first misses in a class's shared free list
 * (under that list's lock); freed by the thread that closes the pool.
 */
final class Slab {

    /** Page alignment: every chunk is then naturally aligned to its own power-of-two size. */
    private static final long ALIGNMENT_BYTES = 4096;

    private final Arena arena;
    private final MemorySegment memory;

    Slab(long slabBytes) {
        this.arena = Arena.ofShared();
        // Arena.allocate zero-fills, so the whole slab is committed (resident) from here on.
        this.memory = arena.allocate(slabBytes, ALIGNMENT_BYTES);
    }

    /** Splits the slab into {@code memory.byteSize() / chunkBytes} chunks, lowest address first. */
    MemorySegment[] carve(int chunkBytes) {
        int count = (int) (memory.byteSize() / chunkBytes);
        MemorySegment[] chunks = new MemorySegment[count];
        for (int i = 0; i < count; i++) {
            chunks[i] = memory.asSlice((long) i * chunkBytes, chunkBytes);
        }
        return chunks;
    }

    long byteSize() {
        return memory.byteSize();
    }

    /** Frees the memory; any later access through a chunk throws IllegalStateException. */
    void free() {
        arena.close();
    }
}
