package dev.weft.runtime.sync;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Proves the checker bites: the Vyukov queue with its tail swap replaced by a plain read and
 * write, so two producers can both link after the same node and one value is lost.
 *
 * <p>Model checking only: stress mode needs minutes on 2 cores to hit the two-instruction
 * window (measured 270 s), too slow for the unit test phase.
 */
public class BrokenMpscQueueLincheckTest {

    static final class Node {
        final int value;
        volatile Node next;

        Node(int value) {
            this.value = value;
        }
    }

    private Node head = new Node(-1);
    /** Broken on purpose: producers read and write it without a swap. */
    private volatile Node tail = head;

    @Operation
    public void offer(int value) {
        Node n = new Node(value);
        Node prev = tail;
        tail = n;
        prev.next = n;
    }

    @Operation(nonParallelGroup = "consumer")
    public Object poll() {
        Node next = head.next;
        if (next == null) {
            return "EMPTY";
        }
        head = next;
        return next.value;
    }

    @Test
    void modelCheckingCatchesNonAtomicTailUpdate() {
        assertThatThrownBy(() -> new ModelCheckingOptions().iterations(10).invocationsPerIteration(300)
                .threads(3).actorsPerThread(3).check(BrokenMpscQueueLincheckTest.class))
                .isInstanceOf(AssertionError.class);
    }
}
