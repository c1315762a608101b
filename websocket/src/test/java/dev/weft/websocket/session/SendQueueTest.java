package dev.weft.websocket.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import dev.weft.io.buffer.BufferPoolConfig;
import dev.weft.websocket.FrameLayout;
import dev.weft.websocket.LeakCheck;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cross-thread send queue: entries come out oldest first, each sender's in its own order
 * with several senders at once; nothing is lost or leaked, also after finish; and once its lists
 * have grown, offering and taking allocate nothing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SendQueueTest {

    private static final long UNLIMITED = Long.MAX_VALUE / 4;

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    @Test
    void entriesComeOutOldestFirstWithTheirFields() {
        BufferPool pool = leaks.newPool();
        SendQueue q = new SendQueue(UNLIMITED, UNLIMITED);
        for (int i = 0; i < 10; i++) {
            assertThat(q.offer(FrameLayout.OPCODE_BINARY, message(pool, 0, i))).isEqualTo(SendStatus.QUEUED);
        }
        q.offerClose(1000, "bye");
        for (int i = 0; i < 10; i++) {
            assertThat(q.next()).isTrue();
            assertThat(q.opcode()).isEqualTo(FrameLayout.OPCODE_BINARY);
            assertThat(q.entryBytes()).isEqualTo(8);
            Buffer p = q.payload();
            assertThat(p.segment().get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, p.readIndex() + 4)).isEqualTo(i);
            p.release();
        }
        assertThat(q.next()).isTrue();
        assertThat(q.opcode()).isEqualTo(FrameLayout.OPCODE_CLOSE);
        assertThat(q.payload()).isNull();
        assertThat(q.closeCode()).isEqualTo(1000);
        assertThat(q.closeReason()).isEqualTo("bye");
        assertThat(q.next()).isFalse();
        assertThat(q.isEmpty()).isTrue();
        q.finish();
    }

    @Test
    void severalSendersEachKeepTheirOrderAndNothingIsLost() throws Exception {
        BufferPool pool = leaks.newPool();
        SendQueue q = new SendQueue(UNLIMITED, UNLIMITED);
        int senders = 4;
        int perSender = 20_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                for (int i = 0; i < perSender; i++) {
                    q.offer(FrameLayout.OPCODE_TEXT, message(pool, sender, i));
                }
            }));
        }
        start.countDown();
        int[] nextOf = new int[senders];
        int received = 0;
        while (received < senders * perSender) {
            if (!q.next()) {
                Thread.onSpinWait();
                continue;
            }
            Buffer p = q.payload();
            int sender = p.segment().get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, p.readIndex());
            int seq = p.segment().get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, p.readIndex() + 4);
            assertThat(seq).as("sender %d's message after %d", sender, nextOf[sender] - 1).isEqualTo(nextOf[sender]);
            nextOf[sender]++;
            received++;
            p.release();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(q.next()).isFalse();
        q.finish();
    }

    @Test
    void afterFinishQueuedEntriesAreReleasedAndLaterOffersAreRefused() {
        BufferPool pool = leaks.newPool();
        SendQueue q = new SendQueue(UNLIMITED, UNLIMITED);
        q.offer(FrameLayout.OPCODE_TEXT, message(pool, 0, 0));
        q.offer(FrameLayout.OPCODE_TEXT, message(pool, 0, 1));
        q.offer(FrameLayout.OPCODE_TEXT, message(pool, 0, 2));
        assertThat(q.next()).isTrue();
        q.payload().release(); // the first is taken; the other two are still the queue's
        q.finish();
        assertThat(q.offer(FrameLayout.OPCODE_TEXT, message(pool, 0, 3))).isEqualTo(SendStatus.CLOSED);
        assertThat(q.next()).isFalse();
        // LeakCheck: entries 1 and 2 (released by finish) and 3 (by the refused offer) are all back
    }

    @Test
    void offeringAndTakingAllocateNothingOnceGrown() {
        // without leak detection, which records every retain and release by design
        BufferPool pool = leaks.register(new BufferPool(BufferPoolConfig.defaults()));
        SendQueue q = new SendQueue(UNLIMITED, UNLIMITED);
        Buffer[] payloads = new Buffer[64];
        for (int i = 0; i < payloads.length; i++) {
            payloads[i] = message(pool, 0, i);
        }
        long best = Long.MAX_VALUE;
        long idle = Long.MAX_VALUE; // what reading the counter itself costs, if anything
        for (int round = 0; round < 2_000; round++) {
            long start = allocatedBytes();
            idle = Math.min(idle, allocatedBytes() - start);
            long before = allocatedBytes();
            for (Buffer p : payloads) {
                q.offer(FrameLayout.OPCODE_BINARY, p.retain());
            }
            while (q.next()) {
                q.payload().release();
            }
            best = Math.min(best, allocatedBytes() - before - idle);
        }
        assertThat(best).as("bytes allocated by 64 offers and takes").isZero();
        for (Buffer p : payloads) {
            p.release();
        }
        q.finish();
    }

    /** 8 bytes: the sender and its sequence number. */
    private static Buffer message(BufferPool pool, int sender, int seq) {
        Buffer b = pool.allocate(8);
        b.segment().set(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, 0, sender);
        b.segment().set(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, 4, seq);
        return b.advanceWriteIndex(8);
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static long allocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }
}
