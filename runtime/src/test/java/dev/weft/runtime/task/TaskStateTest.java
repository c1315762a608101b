package dev.weft.runtime.task;

import org.junit.jupiter.api.Test;

import static dev.weft.runtime.task.TaskState.COMPLETE;
import static dev.weft.runtime.task.TaskState.NOTIFIED;
import static dev.weft.runtime.task.TaskState.RUNNING;
import static dev.weft.runtime.task.TaskState.has;
import static dev.weft.runtime.task.TaskState.refCount;
import static org.assertj.core.api.Assertions.assertThat;

/** The transitions one at a time, in the orders that matter. */
class TaskStateTest {

    private static final class State extends TaskState {
        State() {
            super(INITIAL);
        }
    }

    @Test
    void newTaskIsQueuedOnceWithThreeReferences() {
        State s = new State();
        assertThat(has(s.lvState(), NOTIFIED)).isTrue();
        assertThat(refCount(s.lvState())).isEqualTo(3);
        assertThat(s.transitionToNotified()).as("a queued task is not queued again").isEqualTo(TaskState.ToNotified.DO_NOTHING);
    }

    @Test
    void wakeDuringPollRequeuesWhenThePollReturns() {
        State s = new State();
        assertThat(s.transitionToRunning()).isEqualTo(TaskState.ToRunning.SUCCESS);
        assertThat(s.transitionToNotified()).isEqualTo(TaskState.ToNotified.DO_NOTHING);
        assertThat(s.transitionToIdle()).isEqualTo(TaskState.ToIdle.OK_NOTIFIED);
        assertThat(has(s.lvState(), RUNNING)).isFalse();
        assertThat(has(s.lvState(), NOTIFIED)).isTrue();
    }

    @Test
    void yieldRequeuesInTheIdleTransition() {
        State s = new State();
        s.transitionToRunning();
        assertThat(s.transitionToIdle(true)).isEqualTo(TaskState.ToIdle.OK_NOTIFIED);
        assertThat(has(s.lvState(), NOTIFIED)).isTrue();
    }

    @Test
    void wakeOfIdleTaskSubmitsOnceAndAddsAReference() {
        State s = new State();
        s.transitionToRunning();
        assertThat(s.transitionToIdle()).isEqualTo(TaskState.ToIdle.OK_DONE);
        s.refDec(1);
        assertThat(s.transitionToNotified()).isEqualTo(TaskState.ToNotified.SUBMIT);
        assertThat(s.transitionToNotified()).isEqualTo(TaskState.ToNotified.DO_NOTHING);
        assertThat(refCount(s.lvState())).isEqualTo(3);
    }

    @Test
    void abortOfIdleTaskSubmitsItForCancellation() {
        State s = new State();
        s.transitionToRunning();
        s.transitionToIdle();
        s.refDec(1);
        assertThat(s.transitionToNotifiedAndCancel()).isTrue();
        assertThat(s.transitionToNotifiedAndCancel()).as("abort is idempotent").isFalse();
        assertThat(s.transitionToRunning()).isEqualTo(TaskState.ToRunning.CANCELLED);
    }

    @Test
    void abortDuringPollIsSeenByTheIdleTransition() {
        State s = new State();
        s.transitionToRunning();
        assertThat(s.transitionToNotifiedAndCancel()).isFalse();
        assertThat(s.transitionToIdle()).isEqualTo(TaskState.ToIdle.CANCELLED);
        assertThat(has(s.lvState(), RUNNING)).as("the poller still owns the task to cancel it").isTrue();
    }

    @Test
    void shutdownClaimsAQueuedTaskAndItsQueueEntryThenFails() {
        State s = new State();
        assertThat(s.transitionToShutdown()).isTrue();
        s.transitionToComplete();
        assertThat(s.transitionToRunning()).isEqualTo(TaskState.ToRunning.FAILED);
        assertThat(has(s.lvState(), COMPLETE)).isTrue();
    }

    @Test
    void joinWakerCannotBeSetAfterCompletion() {
        State s = new State();
        s.transitionToRunning();
        s.transitionToComplete();
        assertThat(s.setJoinWaker()).isFalse();
        assertThat(s.unsetJoinInterest()).isFalse();
    }

    @Test
    void lastReferenceIsReported() {
        State s = new State();
        assertThat(s.refDec(2)).isFalse();
        assertThat(s.refDec(1)).isTrue();
    }
}
