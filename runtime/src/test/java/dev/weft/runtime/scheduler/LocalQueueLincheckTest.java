package dev.weft.runtime.scheduler;

import dev.weft.runtime.Poll;
import dev.weft.runtime.task.Task;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/**
 * Lincheck over the local run queue: the owner pushes and pops while another worker steals half
 * into its own queue. Capacity is shrunk to 8 (as Tokio's loom tests shrink it) and the
 * scenario pushes at most 6 tasks, so overflow (tested separately) stays out of the histories.
 */
public class LocalQueueLincheckTest {

    private final LocalQueue queue = new LocalQueue(8);
    private final LocalQueue.Overflow noOverflow = new LocalQueue.Overflow() {
        @Override
        public void pushOne(Task<?> task) {
            throw new IllegalStateException("overflow in a queue that cannot be full");
        }

        @Override
        public void pushBatch(Task<?>[] tasks) {
            throw new IllegalStateException("overflow in a queue that cannot be full");
        }
    };
    private long nextId = 1;

    @Operation(nonParallelGroup = "owner")
    public void push() {
        queue.push(new Task<>(nextId++, cx -> Poll.ready(null), null), noOverflow);
    }

    @Operation(nonParallelGroup = "owner")
    public long pop() {
        Task<?> t = queue.pop();
        return t == null ? 0 : t.id();
    }

    /** Steals into a fresh queue and returns the ids taken, the one to run first last. */
    @Operation(nonParallelGroup = "stealer")
    public List<Long> steal() {
        LocalQueue mine = new LocalQueue(8);
        Task<?> first = queue.stealInto(mine, n -> {});
        List<Long> ids = new ArrayList<>();
        if (first == null) {
            return ids;
        }
        Task<?> t;
        while ((t = mine.pop()) != null) {
            ids.add(t.id());
        }
        ids.add(first.id());
        return ids;
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions().iterations(30).invocationsPerIteration(1_000)
                .threads(2).actorsPerThread(3).actorsBefore(3).actorsAfter(1)
                .check(LocalQueueLincheckTest.class);
    }

    @Test
    void stress() {
        new StressOptions().iterations(20).invocationsPerIteration(1_000)
                .threads(2).actorsPerThread(3).actorsBefore(3).actorsAfter(1)
                .check(LocalQueueLincheckTest.class);
    }
}
