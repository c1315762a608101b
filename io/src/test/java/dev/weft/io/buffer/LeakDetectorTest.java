package dev.weft.io.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LeakDetectorTest {

    private final BufferPool pool = new BufferPool(BufferPoolConfig.defaults().withLeakDetection(true));

    @AfterEach
    void closePool() {
        pool.close();
    }

    @Test
    void reportsSizeAndSiteOfLeakedBuffer() {
        Buffer leaked = pool.allocate(100);
        assertThatThrownBy(pool::assertNoLeaks).isInstanceOf(AssertionError.class)
                .hasMessageContaining("1 not released")
                .hasMessageContaining("100 bytes requested, 128 bytes held")
                .hasMessageContaining("LeakDetectorTest.reportsSizeAndSiteOfLeakedBuffer");
        leaked.release();
    }

    @Test
    void quietAfterRelease() {
        pool.allocate(100).release();
        Buffer shared = pool.allocate(70_000);
        shared.retainedDuplicate().release();
        shared.release();
        pool.assertNoLeaks();
        assertThat(pool.leakDetector().report()).isEmpty();
    }

    @Test
    void reportsBufferThatBecameUnreachableWithoutRelease() throws InterruptedException {
        allocateAndDrop(333);
        LeakDetector detector = pool.leakDetector();
        // Bounded: a few GCs normally suffice; give the Cleaner thread up to ~10 s on a slow machine.
        for (int i = 0; i < 200 && detector.unreachableCount() == 0; i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertThat(detector.unreachableCount()).as("unreachable buffers found after GC").isEqualTo(1);
        assertThat(detector.outstandingCount()).isZero();
        assertThatThrownBy(pool::assertNoLeaks).isInstanceOf(AssertionError.class)
                .hasMessageContaining("became unreachable without release")
                .hasMessageContaining("333 bytes requested")
                .hasMessageContaining("LeakDetectorTest.allocateAndDrop");
    }

    private void allocateAndDrop(long bytes) {
        pool.allocate(bytes).writeByte((byte) 1);
    }

    @Test
    void releasedBufferIsNotReportedWhenCollected() throws InterruptedException {
        pool.allocate(64).release();
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(pool.leakDetector().unreachableCount()).isZero();
    }

    @Test
    void disabledDetectionStillFailsOnOutstandingCount() {
        try (BufferPool plain = new BufferPool(BufferPoolConfig.defaults().withLeakDetection(false))) {
            Buffer b = plain.allocate(10);
            assertThat(plain.isLeakDetectionEnabled()).isFalse();
            assertThatThrownBy(plain::assertNoLeaks).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("1 buffers not released")
                    .hasMessageContaining(BufferPoolConfig.LEAK_DETECTION_PROPERTY);
            b.release();
            plain.assertNoLeaks();
        }
    }

    @Test
    void leakCheckFailsTheTestAndClosesThePool() {
        LeakCheck check = new LeakCheck();
        BufferPool checked = check.newPool();
        checked.allocate(50);
        assertThatThrownBy(() -> check.afterEach(null)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("50 bytes requested");
        assertThat(checked.isClosed()).isTrue();
    }
}
