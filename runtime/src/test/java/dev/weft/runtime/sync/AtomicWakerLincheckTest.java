package dev.weft.runtime.sync;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link AtomicWaker} used as a receiver uses it: the registrant registers, then re-checks a
 * ready flag; wakers set the flag, then wake. Lincheck explores the interleavings and, after
 * each, {@link #noWakeLost()} checks the invariant: if the flag is set, the registrant either saw
 * it after its last register or its waker was woken after that register.
 *
 * <p>Limit, measured: because the flag is set before the wake and re-checked after register,
 * this usage masks races inside register() itself; deleting the wake in register's failed-CAS
 * branch (protocol step 1) still passes. What it does catch is a wake that reaches a stale or no
 * waker after the registrant's re-check. Step 1/2 are covered by reasoning in the class doc.
 */
public class AtomicWakerLincheckTest {

    private final AtomicWaker aw = new AtomicWaker();
    private final AtomicBoolean ready = new AtomicBoolean();
    /** Registrant only: the waker of the latest poll. */
    private CountingWaker latest;
    /** Registrant only: whether the latest poll saw ready. */
    private boolean latestSawReady;

    @Operation(nonParallelGroup = "registrant")
    public boolean poll() {
        latest = new CountingWaker();
        aw.register(latest);
        latestSawReady = ready.get();
        return latestSawReady;
    }

    @Operation
    public void notifyReady() {
        ready.set(true);
        aw.wake();
    }

    @Validate
    public void noWakeLost() {
        if (ready.get() && latest != null && !latestSawReady && latest.wakes() == 0) {
            throw new IllegalStateException("wake lost: ready set, registrant neither saw it nor was woken");
        }
    }

    @Test
    void noWakeIsLostUnderModelChecking() {
        new ModelCheckingOptions().iterations(8).invocationsPerIteration(200)
                .threads(3).actorsPerThread(2).check(AtomicWakerLincheckTest.class);
    }

    @Test
    void noWakeIsLostUnderStress() {
        new StressOptions().iterations(8).invocationsPerIteration(500)
                .threads(3).actorsPerThread(2).check(AtomicWakerLincheckTest.class);
    }
}
