package dev.weft.io.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

class BufferPoolStressTest {

    private static final int THREADS = 4;
    private static final int OPERATIONS_PER_THREAD = 250_000;
    /** Buffers each thread holds at once, so releases are not always in allocation order. */
    private static final int WINDOW = 16;

    @Test
    void fourThreadsAllocatingAndReleasingEndWithNothingOutstanding() throws Exception {
        try (BufferPool pool = new BufferPool(BufferPoolConfig.defaults()
                .withThreadCacheCapacity(8).withLeakDetection(true))) {
            // Every 64th buffer is handed to another thread to release (a cross-thread release).
            ConcurrentLinkedQueue<Buffer> handOff = new ConcurrentLinkedQueue<>();
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long seed = 42 + t;
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                        run(pool, handOff, new SplittableRandom(seed));
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            Buffer left;
            while ((left = handOff.poll()) != null) {
                left.release();
            }
            assertThat(failures).isEmpty();
            BufferPoolStats s = pool.stats();
            assertThat(s.outstandingBuffers()).as("outstanding after stress: %s", s).isZero();
            assertThat(s.bytesInUse()).as("bytes in use after stress: %s", s).isZero();
            assertThat(s.bytesCached()).as("every slab byte is cached again: %s", s)
                    .isEqualTo(s.slabs() * s.slabBytes());
            pool.assertNoLeaks();
        }
    }

    private static void run(BufferPool pool, ConcurrentLinkedQueue<Buffer> handOff, SplittableRandom random) {
        Buffer[] window = new Buffer[WINDOW];
        for (int i = 0; i < OPERATIONS_PER_THREAD; i++) {
            int slot = random.nextInt(WINDOW);
            if (window[slot] != null) {
                window[slot].release();
            }
            // Mostly small, some up to 64 KiB, one in 512 above it (unpooled).
            long bytes = random.nextInt(512) == 0 ? 65_537 + random.nextInt(1000)
                    : 1L + random.nextInt(1 << (6 + random.nextInt(11)));
            Buffer b = pool.allocate(bytes);
            b.setByte(0, (byte) i);
            b.setByte(bytes - 1, (byte) i);
            if ((i & 63) == 0) {
                handOff.add(b);
                window[slot] = null;
            } else {
                window[slot] = b;
            }
            Buffer foreign = (i & 63) == 32 ? handOff.poll() : null;
            if (foreign != null) {
                foreign.release();
            }
        }
        for (Buffer b : window) {
            if (b != null) {
                b.release();
            }
        }
    }
}
