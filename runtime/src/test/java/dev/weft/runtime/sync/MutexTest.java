package dev.weft.runtime.sync;

import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Runtime;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class MutexTest {

    /** Increments the counter {@code times} times, yielding while holding the lock. */
    private static Future<Void> incrementer(Mutex<int[]> m, AtomicInteger inside, int times) {
        return new Future<>() {
            private int done;
            private Mutex<int[]>.Lock locking;
            private Mutex<int[]>.Guard guard;
            private int read;

            @Override
            public Poll<Void> poll(Context cx) {
                while (done < times) {
                    if (guard == null) {
                        if (locking == null) {
                            locking = m.lock();
                        }
                        Poll<Mutex<int[]>.Guard> p = locking.poll(cx);
                        if (p.isPending()) {
                            return Poll.pending();
                        }
                        locking = null;
                        guard = p.value();
                        assertThat(inside.incrementAndGet()).as("holders inside").isEqualTo(1);
                        read = guard.get()[0];
                        return cx.yieldNow(); // hold the lock across a suspension
                    }
                    guard.get()[0] = read + 1;
                    inside.decrementAndGet();
                    guard.unlock();
                    guard = null;
                    done++;
                }
                return Poll.readyVoid();
            }
        };
    }

    @Test
    void lockIsExclusiveUnderContentionOnTwoWorkers() {
        try (Runtime rt = Runtime.builder().workers(2).build()) {
            Mutex<int[]> m = new Mutex<>(new int[1]);
            AtomicInteger inside = new AtomicInteger();
            List<JoinHandle<Void>> hs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                hs.add(rt.spawn(incrementer(m, inside, 500)));
            }
            hs.forEach(JoinHandle::join);
            assertThat(m.tryLock().get()[0]).isEqualTo(8 * 500);
        }
    }

    @Test
    void tryLockFailsWhileHeldAndGuardCloseUnlocks() {
        Mutex<String> m = new Mutex<>("a");
        try (Mutex<String>.Guard g = m.tryLock()) {
            assertThat(m.tryLock()).isNull();
            g.set("b");
        }
        assertThat(m.tryLock().get()).isEqualTo("b");
    }
}
