package dev.weft.io.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Without leak detection the pool recycles a freed Buffer (and its Allocation) on the thread
 * that freed it, so a steady allocate/release loop creates no objects; with detection on (tests)
 * it never does, so use-after-release and double release stay detectable.
 */
class BufferRecyclingTest {

    @Test
    void aFreedOnlyViewIsReusedWithFreshIndexesAndCount() {
        try (BufferPool pool = new BufferPool(BufferPoolConfig.defaults())) {
            Buffer a = pool.allocate(4096);
            a.writeBytes(new byte[] {1, 2, 3}).advanceReadIndex(1);
            a.release();
            Buffer b = pool.allocate(4096);
            assertThat(b).isSameAs(a);
            assertThat(b.refCount()).isEqualTo(1);
            assertThat(b.readIndex()).isZero();
            assertThat(b.writeIndex()).isZero();
            assertThat(b.capacity()).isEqualTo(4096);
            b.release();
            assertThat(pool.stats().outstandingBuffers()).isZero();
        }
    }

    @Test
    void aReusedBufferTakesTheSizeOfTheNewRequest() {
        try (BufferPool pool = new BufferPool(BufferPoolConfig.defaults())) {
            Buffer a = pool.allocate(100);
            a.release();
            Buffer b = pool.allocate(64 * 1024);
            assertThat(b).isSameAs(a);
            assertThat(b.capacity()).isEqualTo(64 * 1024);
            b.setIndexes(0, 64 * 1024);
            b.release();
        }
    }

    @Test
    void anAllocationThatHadViewsIsNeverReused() {
        try (BufferPool pool = new BufferPool(BufferPoolConfig.defaults())) {
            Buffer a = pool.allocate(4096);
            Buffer view = a.retainedDuplicate();
            a.release();
            view.release();
            Buffer b = pool.allocate(4096);
            assertThat(b).isNotSameAs(a).isNotSameAs(view);
            b.release();
        }
    }

    @Test
    void aBufferFreedOnAnotherThreadIsNotReusedThere() throws Exception {
        try (BufferPool pool = new BufferPool(BufferPoolConfig.defaults())) {
            Buffer a = pool.allocate(4096);
            CompletableFuture.runAsync(a::release).get();
            Buffer b = pool.allocate(4096);
            assertThat(b).isNotSameAs(a);
            b.release();
        }
    }

    @Test
    void withLeakDetectionNothingIsReusedAndDoubleReleaseIsCaught() {
        try (BufferPool pool = new BufferPool(BufferPoolConfig.defaults().withLeakDetection(true))) {
            Buffer a = pool.allocate(4096);
            a.release();
            Buffer b = pool.allocate(4096);
            assertThat(b).isNotSameAs(a);
            assertThatThrownBy(a::release).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("double release");
            b.release();
        }
    }
}
