package dev.weft.io.transport;

import dev.weft.runtime.Waker;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * {@link Readiness} as a reader task and the driver use it, with the kernel's receive queue
 * modelled by a counter: the driver side adds data and reports an event; the reader takes data
 * while the bit is set and otherwise runs step 3 of the protocol (register, clear by CAS, retry
 * on failure). After each explored interleaving {@link #noWakeLost()} checks the invariant: a
 * reader left waiting while data is available must have been woken.
 */
public class ReadinessLincheckTest {

    private final Readiness readiness = new Readiness();
    private final AtomicInteger kernelData = new AtomicInteger();
    /** Reader only: the waker of the reader's latest Pending, and whether it is waiting. */
    private Counting latest;
    private boolean waiting;

    private static final class Counting implements Waker {
        final AtomicInteger wakes = new AtomicInteger();

        @Override
        public void wake() {
            wakes.incrementAndGet();
        }
    }

    @Operation(nonParallelGroup = "reader")
    public boolean read() {
        while (true) {
            int seen = readiness.snapshot();
            if (Readiness.isSet(seen, Readiness.READABLE)) {
                // The "syscall": take one unit if there is any. A failed CAS means an arrival
                // raced with it (the reader is the only taker), not EAGAIN: look again.
                int d;
                while ((d = kernelData.get()) > 0) {
                    if (kernelData.compareAndSet(d, d - 1)) {
                        waiting = false;
                        return true;
                    }
                }
            }
            Counting w = new Counting();
            if (readiness.clear(seen, Readiness.READABLE, w)) {
                latest = w;
                waiting = true;
                return false;
            }
        }
    }

    @Operation
    public void arrive() {
        kernelData.incrementAndGet();
        readiness.onEvent(Readiness.READABLE);
    }

    @Validate
    public void noWakeLost() {
        if (waiting && kernelData.get() > 0 && latest.wakes.get() == 0) {
            throw new IllegalStateException("wake lost: data arrived while the reader waits, "
                    + "and its waker was never woken");
        }
    }

    @Test
    void noWakeIsLostUnderModelChecking() {
        new ModelCheckingOptions().iterations(20).invocationsPerIteration(300)
                .threads(3).actorsPerThread(2).check(ReadinessLincheckTest.class);
    }

    @Test
    void noWakeIsLostUnderStress() {
        new StressOptions().iterations(10).invocationsPerIteration(500)
                .threads(3).actorsPerThread(2).check(ReadinessLincheckTest.class);
    }
}
