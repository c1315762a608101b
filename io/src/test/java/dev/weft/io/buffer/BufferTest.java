package dev.weft.io.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BufferTest {

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    @Test
    void fanOutToTwoHoldersReturnsMemoryOnceAfterBothRelease() {
        BufferPool pool = leaks.newPool();
        Buffer frame = pool.allocate(300).writeBytes("frame".getBytes(StandardCharsets.US_ASCII));
        Buffer second = frame.retainedDuplicate();
        assertThat(frame.refCount()).isEqualTo(2);
        long cachedBefore = pool.stats().bytesCached();

        assertThat(frame.release()).as("first holder's release does not free").isFalse();
        assertThat(pool.stats().outstandingBuffers()).isEqualTo(1);
        assertThat(second.readBytes(5)).as("the second holder still reads the payload")
                .isEqualTo("frame".getBytes(StandardCharsets.US_ASCII));
        assertThat(second.release()).as("last holder's release frees").isTrue();

        BufferPoolStats s = pool.stats();
        assertThat(s.outstandingBuffers()).isZero();
        assertThat(s.bytesCached() - cachedBefore).as("one 512 B chunk returned, exactly once").isEqualTo(512);
    }

    @Test
    void concurrentReleasesByFourHoldersFreeEachBufferExactlyOnce() throws Exception {
        BufferPool pool = leaks.newPool();
        int buffers = 10_000;
        int holders = 4;
        Buffer[][] views = new Buffer[holders][buffers];
        for (int i = 0; i < buffers; i++) {
            Buffer b = pool.allocate(64 + i % 4000);
            views[0][i] = b;
            for (int h = 1; h < holders; h++) {
                views[h][i] = b.retainedDuplicate();
            }
        }
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(holders);
        java.util.concurrent.atomic.AtomicInteger freed = new java.util.concurrent.atomic.AtomicInteger();
        java.util.List<Thread> threads = new java.util.ArrayList<>();
        for (int h = 0; h < holders; h++) {
            Buffer[] mine = views[h];
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                for (Buffer v : mine) {
                    if (v.release()) {
                        freed.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(freed.get()).as("releases that freed, of %d buffers x %d holders", buffers, holders)
                .isEqualTo(buffers);
        BufferPoolStats s = pool.stats();
        assertThat(s.outstandingBuffers()).isZero();
        assertThat(s.bytesCached()).as("%s", s).isEqualTo(s.slabs() * s.slabBytes());
    }

    @Test
    void duplicateHasItsOwnIndexes() {
        BufferPool pool = leaks.newPool();
        Buffer b = pool.allocate(16).writeBytes(new byte[] {1, 2, 3});
        Buffer d = b.retainedDuplicate();
        d.readByte();
        assertThat(b.readIndex()).isZero();
        assertThat(d.readIndex()).isEqualTo(1);
        b.release();
        d.release();
    }

    @Test
    void doubleReleaseThrowsNamingDoubleRelease() {
        BufferPool pool = leaks.newPool();
        Buffer b = pool.allocate(64);
        b.release();
        assertThatThrownBy(b::release).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already released").hasMessageContaining("double release");
        assertThat(pool.stats().outstandingBuffers()).as("the failed release changed nothing").isZero();
    }

    @Test
    void useAfterReleaseThrows() {
        BufferPool pool = leaks.newPool();
        Buffer b = pool.allocate(64);
        Buffer slice = b.slice(0, 8);
        b.release();
        assertThatThrownBy(b::segment).isInstanceOf(IllegalStateException.class).hasMessageContaining("after release");
        assertThatThrownBy(() -> b.getByte(0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> b.writeByte((byte) 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> slice.readableSegment()).as("a slice shares the released count")
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(b::retain).isInstanceOf(IllegalStateException.class).hasMessageContaining("released");
    }

    @Test
    void sliceSharesCountWithoutAddingToIt() {
        BufferPool pool = leaks.newPool();
        Buffer b = pool.allocate(64).writeBytes(new byte[] {10, 20, 30, 40});
        Buffer slice = b.slice(1, 2);
        assertThat(b.refCount()).isEqualTo(1);
        assertThat(slice.readBytes(2)).containsExactly(20, 30);
        assertThat(slice.release()).as("releasing the slice releases the allocation").isTrue();
        assertThat(b.isReleased()).isTrue();
    }

    @Test
    void writesThenReadsThroughIndexes() {
        BufferPool pool = leaks.newPool();
        Buffer b = pool.allocate(10);
        b.writeBytes(new byte[] {1, 2, 3}).writeByte((byte) 4);
        assertThat(b.readableBytes()).isEqualTo(4);
        assertThat(b.writableBytes()).isEqualTo(6);
        assertThat(b.readByte()).isEqualTo((byte) 1);
        assertThat(b.readableSegment().byteSize()).isEqualTo(3);
        assertThat(b.writableSegment().byteSize()).isEqualTo(6);
        b.writableSegment().set(java.lang.foreign.ValueLayout.JAVA_BYTE, 0, (byte) 5);
        b.advanceWriteIndex(1);
        assertThat(b.readBytes(4)).containsExactly(2, 3, 4, 5);
        b.release();
    }

    @Test
    void indexesOutOfOrderAreRejected() {
        BufferPool pool = leaks.newPool();
        Buffer b = pool.allocate(8);
        assertThatThrownBy(() -> b.advanceReadIndex(1)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("readIndex=1 writeIndex=0");
        assertThatThrownBy(() -> b.writeBytes(new byte[9])).isInstanceOf(IndexOutOfBoundsException.class);
        b.release();
    }
}
