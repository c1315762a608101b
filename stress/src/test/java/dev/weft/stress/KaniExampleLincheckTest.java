package dev.weft.stress;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.Lincheck;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Test;

/**
 * The seed's Kani harness run under Lincheck's model checker, which explores thread
 * switches at every shared access. The harness is the Rust code translated line by line:
 * {@code AtomicBool}/{@code AtomicUsize} become {@code AtomicBoolean}/{@code AtomicInteger},
 * Relaxed becomes opaque.
 *
 * <p>This uses {@code Lincheck.runConcurrentTest}, Lincheck's checker for a test body with
 * its own threads and assertions, rather than the {@code datastructures} API: the property
 * is the harness's assertion, not linearizability against a sequential specification.
 * Lincheck must fail on the code as written (a checker that passes it is not checking)
 * and pass once y is stored before x. Like {@link InterleavingChecker} it explores
 * sequentially consistent interleavings only.
 */
class KaniExampleLincheckTest {

    private static final int INVOCATIONS = 1_000;

    /** The body of {@code test_atomic_ordering}, with the spawned closure's stores in either order. */
    private static void harness(boolean storeYFirst) throws InterruptedException {
        AtomicBoolean x = new AtomicBoolean(false);
        AtomicInteger y = new AtomicInteger(0);

        Thread spawned = new Thread(() -> {
            if (storeYFirst) {
                y.setOpaque(42);
                x.setRelease(true);
            } else {
                x.setRelease(true);
                y.setOpaque(42);
            }
        });
        spawned.start();

        if (x.getAcquire()) {
            int seen = y.getOpaque();
            if (seen != 42) {
                throw new AssertionError("x was true but y == " + seen);
            }
        }
        spawned.join();
    }

    @Test
    void lincheckFindsTheViolationAsWritten() {
        assertThatThrownBy(() -> Lincheck.runConcurrentTest(INVOCATIONS, () -> run(false)))
                .isInstanceOf(LincheckAssertionError.class)
                .hasMessageContaining("x was true but y == 0")
                // Lincheck's report holds the interleaving that breaks the assertion.
                .satisfies(e -> System.out.println("Lincheck, Kani example as written:\n" + e.getMessage()));
    }

    @Test
    void lincheckPassesTheCorrectedOrder() {
        assertThatCode(() -> Lincheck.runConcurrentTest(INVOCATIONS, () -> run(true)))
                .doesNotThrowAnyException();
    }

    private static void run(boolean storeYFirst) {
        try {
            harness(storeYFirst);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("harness interrupted", e);
        }
    }
}
