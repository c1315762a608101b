package dev.weft.runtime.task;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lincheck over the task state word: wakes and aborts from any thread race with one worker that
 * polls the task whenever it is queued. Every concurrent history must match some sequential
 * order of whole operations (the class run sequentially is its own specification), and the
 * invariants (queued at most once, never polled after completion, references never below zero)
 * hold in every interleaving. The worker's poll returns nothing: its view of the queue counter
 * is not atomic with the transitions it models, so only the transitions' own results are
 * compared with the sequential runs, while the invariants are asserted inside every operation.
 */
public class TaskStateLincheckTest {

    private static final class State extends TaskState {
        State() {
            super(INITIAL);
        }
    }

    private final State state = new State();
    /** Queue entries the transitions asked for; the task starts queued once. */
    private final AtomicInteger queued = new AtomicInteger(1);

    @Operation
    public String wake() {
        TaskState.ToNotified r = state.transitionToNotified();
        if (r == TaskState.ToNotified.SUBMIT) {
            int q = queued.incrementAndGet();
            check(q == 1, "task queued twice");
        }
        return r.name();
    }

    @Operation
    public boolean abort() {
        boolean submit = state.transitionToNotifiedAndCancel();
        if (submit) {
            int q = queued.incrementAndGet();
            check(q == 1, "task queued twice by abort");
        }
        return submit;
    }

    /** The worker: takes the queue entry if there is one and polls the task once. */
    @Operation(nonParallelGroup = "worker")
    public void poll(boolean completes) {
        if (queued.get() == 0) {
            return;
        }
        queued.decrementAndGet();
        String ran = switch (state.transitionToRunning()) {
            case FAILED -> {
                state.refDec(1);
                yield "failed";
            }
            case CANCELLED -> {
                state.transitionToComplete();
                state.refDec(2);
                yield "cancelled";
            }
            case SUCCESS -> {
                if (completes) {
                    state.transitionToComplete();
                    state.refDec(2);
                    yield "completed";
                }
                TaskState.ToIdle idle = state.transitionToIdle();
                switch (idle) {
                    case OK_DONE -> state.refDec(1);
                    case OK_NOTIFIED -> queued.incrementAndGet();
                    case CANCELLED -> {
                        state.transitionToComplete();
                        state.refDec(2);
                    }
                }
                yield idle.name();
            }
        };
        check(TaskState.refCount(state.lvState()) >= 1, "references dropped below the join handle's: " + ran);
    }

    @Operation
    public boolean isComplete() {
        return TaskState.has(state.lvState(), TaskState.COMPLETE);
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions().iterations(30).invocationsPerIteration(1_000)
                .threads(3).actorsPerThread(3).check(TaskStateLincheckTest.class);
    }

    @Test
    void stress() {
        new StressOptions().iterations(20).invocationsPerIteration(1_000)
                .threads(3).actorsPerThread(3).check(TaskStateLincheckTest.class);
    }
}
