package dev.weft.io.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BufferPoolTest {

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    @Test
    void releasedChunkGoesBackToItsOwnSizeClass() {
        BufferPool pool = leaks.newPool();
        Buffer small = pool.allocate(100);
        long address = small.segment().address();
        assertThat(pool.stats().pooledBytesInUse()).as("100 B is held as a 128 B chunk").isEqualTo(128);
        small.release();

        Buffer otherClass = pool.allocate(200);
        assertThat(otherClass.segment().address()).as("a 256 B request must not get the 128 B chunk")
                .isNotEqualTo(address);
        Buffer sameClass = pool.allocate(120);
        assertThat(sameClass.segment().address()).as("the next 128 B request reuses the released chunk")
                .isEqualTo(address);
        otherClass.release();
        sameClass.release();
        assertThat(pool.stats().pooledBytesInUse()).isZero();
    }

    @ParameterizedTest(name = "{0} B -> {1} B chunk")
    @CsvSource({"0,64", "1,64", "64,64", "65,128", "1000,1024", "4096,4096", "4097,8192", "65535,65536", "65536,65536"})
    void requestRoundsUpToNextPowerOfTwoClass(long requested, long chunkBytes) {
        BufferPool pool = leaks.newPool();
        Buffer b = pool.allocate(requested);
        assertThat(b.capacity()).as("capacity is the request").isEqualTo(requested);
        assertThat(pool.stats().pooledBytesInUse()).as("held bytes for a %d B request", requested).isEqualTo(chunkBytes);
        b.release();
    }

    @Test
    void oversizeRequestIsUnpooledAndFreedOnRelease() {
        BufferPool pool = leaks.newPool();
        Buffer big = pool.allocate(65_537);
        MemorySegmentHolder held = new MemorySegmentHolder(big.segment());
        assertThat(pool.stats()).satisfies(s -> {
            assertThat(s.unpooledBytesInUse()).isEqualTo(65_537);
            assertThat(s.slabs()).as("no slab for an unpooled request").isZero();
        });
        big.setByte(65_536, (byte) 7);
        assertThat(big.release()).isTrue();
        assertThat(pool.stats().unpooledBytesInUse()).isZero();
        assertThatThrownBy(() -> held.segment().get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0))
                .as("the unpooled memory is freed, not cached").isInstanceOf(IllegalStateException.class);
    }

    private record MemorySegmentHolder(java.lang.foreign.MemorySegment segment) {}

    @Test
    void threadCacheHitTakesNoSharedPoolLock() {
        BufferPool pool = leaks.newPool();
        pool.allocate(512).release();
        long before = pool.stats().sharedPoolOperations();
        for (int i = 0; i < 10_000; i++) {
            Buffer a = pool.allocate(512);
            Buffer b = pool.allocate(400);
            a.release();
            b.release();
        }
        assertThat(pool.stats().sharedPoolOperations()).as("shared-pool operations after 20,000 cache hits")
                .isEqualTo(before);
    }

    @Test
    void cacheMissTakesABatchWithOneSharedOperation() {
        BufferPool pool = leaks.register(new BufferPool(BufferPoolConfig.defaults()
                .withLeakDetection(true).withThreadCacheCapacity(8)));
        Buffer[] held = new Buffer[4];
        for (int i = 0; i < held.length; i++) {
            held[i] = pool.allocate(64);
        }
        assertThat(pool.stats().sharedPoolOperations()).as("one batch of capacity/2 = 4 chunks").isEqualTo(1);
        for (Buffer b : held) {
            b.release();
        }
    }

    @Test
    void releaseOnAnotherThreadGoesToSharedPool() throws Exception {
        BufferPool pool = leaks.newPool();
        Buffer b = pool.allocate(1000);
        long before = pool.stats().sharedPoolOperations();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread other = Thread.ofPlatform().start(() -> {
            try {
                b.release();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        other.join();
        assertThat(failure.get()).isNull();
        assertThat(pool.stats().sharedPoolOperations()).as("the cross-thread release pushed to the shared list")
                .isEqualTo(before + 1);
        BufferPoolStats s = pool.stats();
        assertThat(s.outstandingBuffers()).isZero();
        assertThat(s.bytesCached()).as("slabs=%d", s.slabs()).isEqualTo(s.slabs() * s.slabBytes());
    }

    @Test
    void cacheOverflowSpillsHalfToSharedPool() {
        BufferPool pool = leaks.register(new BufferPool(BufferPoolConfig.defaults()
                .withLeakDetection(true).withThreadCacheCapacity(4)));
        Buffer[] held = new Buffer[5];
        for (int i = 0; i < held.length; i++) {
            held[i] = pool.allocate(64);
        }
        long before = pool.stats().sharedPoolOperations();
        for (Buffer b : held) {
            b.release();
        }
        assertThat(pool.stats().sharedPoolOperations()).as("the 5th release into a 4-slot cache spills once")
                .isEqualTo(before + 1);
    }

    @Test
    void flushedThreadCacheSendsLaterReleasesToSharedPool() throws Exception {
        BufferPool pool = leaks.newPool();
        Thread worker = Thread.ofPlatform().start(() -> {
            Buffer kept = pool.allocate(2048);    // shared op 1: take a batch
            pool.allocate(2048).release();        // cache hit, cache push
            pool.flushThreadCache();              // shared op 2: flush the cache
            kept.release();                       // shared op 3: the retired cache takes nothing
        });
        worker.join();
        BufferPoolStats s = pool.stats();
        assertThat(s.sharedPoolOperations()).isEqualTo(3);
        assertThat(s.bytesCached()).isEqualTo(s.slabs() * s.slabBytes());
    }

    @Test
    void statsBalanceSlabBytesAgainstInUseAndCached() {
        BufferPool pool = leaks.newPool();
        Buffer a = pool.allocate(64);
        Buffer b = pool.allocate(10_000);
        BufferPoolStats s = pool.stats();
        assertThat(s.outstandingBuffers()).isEqualTo(2);
        assertThat(s.slabs()).as("one slab per class used").isEqualTo(2);
        assertThat(s.pooledBytesInUse()).isEqualTo(64 + 16_384);
        assertThat(s.pooledBytesInUse() + s.bytesCached()).isEqualTo(s.slabs() * s.slabBytes());
        a.release();
        b.release();
        s = pool.stats();
        assertThat(s.bytesCached()).isEqualTo(s.slabs() * s.slabBytes());
    }

    @Test
    void allocateAfterCloseThrows() {
        BufferPool pool = new BufferPool(BufferPoolConfig.defaults());
        pool.close();
        assertThatThrownBy(() -> pool.allocate(10)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void configRejectsSlabSmallerThanLargestClass() {
        assertThatThrownBy(() -> BufferPoolConfig.defaults().withSlabBytes(4096))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slabBytes");
    }
}
