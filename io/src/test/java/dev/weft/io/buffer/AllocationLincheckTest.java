package dev.weft.io.buffer;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * Lincheck over an allocation's reference count: two holders (count 2) retain and release
 * from three threads, with nothing before the parallel part (so the count is still positive
 * there) and one operation after it. The same scenario shape catches a non-atomic decrement in
 * {@link BrokenRefCountLincheckTest}. Every result must match some sequential order, so exactly one release
 * reports the drop to zero, retains after it fail, and releases beyond the count fail with
 * IllegalStateException in every interleaving; {@code @Validate} checks the drop to zero
 * happened at most once.
 */
public class AllocationLincheckTest {

    private final Allocation allocation = newAllocation(2);
    private final AtomicInteger frees = new AtomicInteger();

    static Allocation newAllocation(int holders) {
        Allocation a = new Allocation(null, MemorySegment.NULL, SizeClasses.UNPOOLED, null, null, null);
        for (int i = 1; i < holders; i++) {
            a.retain();
        }
        return a;
    }

    @Operation
    public String release() {
        try {
            if (allocation.release()) {
                frees.incrementAndGet();
                return "freed";
            }
            return "dropped";
        } catch (IllegalStateException e) {
            return "already released";
        }
    }

    @Operation
    public String retain() {
        try {
            allocation.retain();
            return "retained";
        } catch (IllegalStateException e) {
            return "released";
        }
    }

    @Validate
    public void freedAtMostOnce() {
        if (frees.get() > 1) {
            throw new IllegalStateException("freed " + frees.get() + " times");
        }
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions().iterations(30).invocationsPerIteration(1000)
                .threads(3).actorsPerThread(2).actorsBefore(0).actorsAfter(1).check(AllocationLincheckTest.class);
    }

    @Test
    void stress() {
        new StressOptions().iterations(30).invocationsPerIteration(1000)
                .threads(3).actorsPerThread(2).actorsBefore(0).actorsAfter(1).check(AllocationLincheckTest.class);
    }
}
