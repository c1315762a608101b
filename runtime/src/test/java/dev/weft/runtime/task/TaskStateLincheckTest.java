package dev.weft.runtime.task;

import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lincheck over the task state word: wakes and aborts from any thread race with one worker that
 * polls the task whenever it is queued, in every interleaving the model checker can build. The
 * invariants (queued at most once, never polled after completion, references never below zero,
 * and at quiescence: notified exactly when queued, so no wake is lost) hold in every
 * interleaving. Operations return nothing: a wake that lands during a poll is folded into a
 * re-poll, and the worker's view of the queue counter is not atomic with the transitions, which
 * no sequential order of whole operations can show. So the properties are asserted: inside
 * each operation (an exception is a result no sequential run produces, so Lincheck reports it)
 * and at every quiescent point ({@code @Validate}).
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
    public void wake() {
        if (state.transitionToNotified() == TaskState.ToNotified.SUBMIT) {
            int q = queued.incrementAndGet();
            check(q == 1, "task queued twice");
        }
    }

    @Operation
    public void abort() {
        if (state.transitionToNotifiedAndCancel()) {
            int q = queued.incrementAndGet();
            check(q == 1, "task queued twice by abort");
        }
    }

    /** The worker: takes the queue entry if there is one and polls the task once. */
    @Operation(nonParallelGroup = "worker")
    public void poll(boolean completes, boolean yields) {
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
                TaskState.ToIdle idle = state.transitionToIdle(yields);
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

    /**
     * At quiescence (no operation in flight) a live task is not running, and it is notified
     * exactly when it sits in the queue: a wake was neither lost nor queued twice.
     */
    @Validate
    public void quiescentStateIsConsistent() {
        long s = state.lvState();
        if (TaskState.has(s, TaskState.COMPLETE)) {
            return;
        }
        check(!TaskState.has(s, TaskState.RUNNING), "running at quiescence: " + TaskState.describe(s));
        check(TaskState.has(s, TaskState.NOTIFIED) == (queued.get() == 1),
                "notified=" + TaskState.has(s, TaskState.NOTIFIED) + " but queued=" + queued.get());
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }

    /**
     * The sequential specification: operations that never fail. Every result is void, so the
     * concurrent runs match it exactly when no invariant check threw.
     */
    public static final class NeverFails {
        public void wake() {}

        public void abort() {}

        public void poll(boolean completes, boolean yields) {}
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions().sequentialSpecification(NeverFails.class).iterations(30).invocationsPerIteration(1_000)
                .threads(3).actorsPerThread(3).check(TaskStateLincheckTest.class);
    }

    /**
     * The interleavings that matter most, spelled out so the model checker explores each in every
     * run (its random scenarios rarely reach them: they need the queued task to be polled while
     * another thread wakes or aborts it). A lost wake here fails the quiescent check.
     */
    @Test
    void wakeOrAbortDuringPollIsNeverLost() throws NoSuchMethodException {
        ModelCheckingOptions options = new ModelCheckingOptions().sequentialSpecification(NeverFails.class)
                .iterations(0);
        for (boolean yields : new boolean[] {false, true}) {
            for (String racer : new String[] {"wake", "abort"}) {
                options.addCustomScenario(pollRacingWith(racer, yields));
            }
        }
        options.check(TaskStateLincheckTest.class);
    }

    private static ExecutionScenario pollRacingWith(String racer, boolean yields) throws NoSuchMethodException {
        Actor poll = actor(TaskStateLincheckTest.class.getMethod("poll", boolean.class, boolean.class), false, yields);
        Actor other = actor(TaskStateLincheckTest.class.getMethod(racer));
        Actor validate = actor(TaskStateLincheckTest.class.getMethod("quiescentStateIsConsistent"));
        return new ExecutionScenario(List.of(), List.of(List.of(poll), List.of(other)), List.of(), validate);
    }

    private static Actor actor(Method method, Object... args) {
        return new Actor(method, List.of(args), false, false, false, false, false);
    }

    @Test
    void stress() {
        new StressOptions().sequentialSpecification(NeverFails.class).iterations(20).invocationsPerIteration(1_000)
                .threads(3).actorsPerThread(3).check(TaskStateLincheckTest.class);
    }
}
