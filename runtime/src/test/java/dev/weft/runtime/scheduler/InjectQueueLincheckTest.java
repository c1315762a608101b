package dev.weft.runtime.scheduler;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Lincheck over the global injection queue: pushes (single and batched) and pops from any
 * thread must be linearizable to a FIFO queue.
 */
public class InjectQueueLincheckTest {

    private final InjectQueue<Integer> queue = new InjectQueue<>();

    @Operation
    public boolean push(int value) {
        return queue.push(value);
    }

    @Operation
    public boolean pushPair(int value) {
        return queue.pushBatch(new Integer[] {value, value + 1000});
    }

    @Operation
    public Integer pop() {
        return queue.pop();
    }

    /** Takes up to three values with one CAS. */
    @Operation
    public java.util.List<Integer> popThree() {
        Integer[] out = new Integer[3];
        int n = queue.popBatch(out, 3);
        return java.util.Arrays.asList(out).subList(0, n);
    }

    @Operation
    public boolean isEmpty() {
        return queue.isEmpty();
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions().iterations(30).invocationsPerIteration(1_000)
                .threads(3).actorsPerThread(3).check(InjectQueueLincheckTest.class);
    }

    @Test
    void stress() {
        new StressOptions().iterations(20).invocationsPerIteration(1_000)
                .threads(3).actorsPerThread(3).check(InjectQueueLincheckTest.class);
    }
}
