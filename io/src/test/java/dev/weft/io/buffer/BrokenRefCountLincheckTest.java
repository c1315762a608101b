package dev.weft.io.buffer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;

/**
 * Proof that the Lincheck setup bites: a reference count (two holders) decremented with a read and a separate
 * write (no CAS) lets two releases both see 1 and both "free". Model checking must find it.
 */
public class BrokenRefCountLincheckTest {

    /** Deliberately racy: plain read-then-write. */
    private volatile int count = 2;

    @Operation
    public String release() {
        int c = count;
        if (c <= 0) {
            return "already released";
        }
        count = c - 1;
        return c == 1 ? "freed" : "dropped";
    }

    @Test
    void modelCheckingFindsTheLostDecrement() {
        assertThatThrownBy(() -> new ModelCheckingOptions().iterations(30).invocationsPerIteration(1000)
                .threads(2).actorsPerThread(2).actorsBefore(0).actorsAfter(1)
                .check(BrokenRefCountLincheckTest.class)).isInstanceOf(AssertionError.class);
    }
}
