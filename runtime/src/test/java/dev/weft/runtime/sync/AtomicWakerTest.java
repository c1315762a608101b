package dev.weft.runtime.sync;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class AtomicWakerTest {

    @Test
    void wakeAfterRegisterWakesRegisteredWaker() {
        AtomicWaker aw = new AtomicWaker();
        CountingWaker w = new CountingWaker();
        aw.register(w);
        aw.wake();
        aw.wake();
        assertThat(w.wakes()).as("the slot is emptied by the first wake").isEqualTo(1);
    }

    /**
     * The registrant's protocol (register, then re-check the condition) never misses a wake: a
     * waker sets a flag and wakes; the registrant registers, re-checks, and otherwise must be
     * woken. Run many rounds across two threads.
     */
    @Test
    void concurrentWakeIsNeverLostAgainstRegister() throws Exception {
        int rounds = 5_000;
        for (int r = 0; r < rounds; r++) {
            AtomicWaker aw = new AtomicWaker();
            AtomicBoolean ready = new AtomicBoolean();
            CountingWaker w = new CountingWaker();
            Thread waker = Thread.ofPlatform().start(() -> {
                ready.set(true);
                aw.wake();
            });
            aw.register(w);
            boolean sawReady = ready.get();
            waker.join();
            assertThat(sawReady || w.wakes() > 0)
                    .as("round %d: neither saw ready after register nor was woken", r).isTrue();
        }
    }
}
