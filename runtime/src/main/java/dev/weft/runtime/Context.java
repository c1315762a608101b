package dev.weft.runtime;

import dev.weft.runtime.driver.Driver;
import dev.weft.runtime.task.Task;
import dev.weft.runtime.time.TimeDriver;

import java.util.Objects;

/**
 * What a future gets when it is polled: the waker of its task, the cooperative budget, and the
 * timers of the thread polling it.
 *
 * <p>A worker owns one Context and re-targets it at each task it polls, so polling allocates
 * nothing. A Context is confined to the thread that polls with it: never store it, never share it.
 *
 * <h2>Cooperative budget</h2>
 * Each poll of a task starts with {@link #DEFAULT_BUDGET} units (Tokio's coop budget). Leaf
 * futures call {@link #consumeBudget()} before doing work; once the units are spent it wakes the
 * task and returns false, and the leaf returns Pending. The task then goes to the back of the
 * run queue, so a task whose channel or socket is always ready cannot starve the others.
 */
public final class Context {

    /** Units of work a task may do per poll before leaf futures force it to yield. */
    public static final int DEFAULT_BUDGET = 128;

    private static final int UNCONSTRAINED = -1;

    /** Written by the owning thread before each poll; read by the future being polled. */
    private Waker waker;
    /** Owning thread only. UNCONSTRAINED, or units left in this poll. */
    private int budget = UNCONSTRAINED;
    /** The task being polled, or null when polled outside a task (tests, blockOn). */
    private Task<?> task;
    /** Owning thread only. The task asked to be polled again (yield or spent budget). */
    private boolean repoll;
    private final TimeDriver timers;
    /** The driver of the polling thread's worker, or null off the workers. */
    private final Driver driver;

    /** A context for polling a future by hand: unconstrained budget, no timers. */
    public Context(Waker waker) {
        this(waker, null, null);
    }

    /** A context for polling a future by hand with timers (tests, {@code blockOn}). */
    public Context(Waker waker, TimeDriver timers) {
        this(waker, timers, null);
    }

    /** A worker's context: its timers and the driver it parks on. */
    public Context(Waker waker, TimeDriver timers, Driver driver) {
        this.waker = Objects.requireNonNull(waker, "waker");
        this.timers = timers;
        this.driver = driver;
    }

    public Waker waker() {
        return waker;
    }

    /**
     * The timers of the thread polling this future, where sleeps register their deadlines.
     *
     * @throws IllegalStateException when polled outside a runtime without timers
     */
    public TimeDriver timers() {
        if (timers == null) {
            throw new IllegalStateException("no timers here: poll timer futures inside a Weft runtime");
        }
        return timers;
    }

    /**
     * The driver of the worker polling this future, where I/O futures register: the polling
     * thread owns it, so owner-only driver calls are allowed here. Null when polled off the
     * runtime's workers (by hand, or {@code blockOn} in the multi-thread flavor).
     */
    public Driver driver() {
        return driver;
    }

    /**
     * Spends one unit of the cooperative budget.
     *
     * @return true if the caller may proceed; false when the budget is spent, in which case the
     *     task has been woken and the caller must return {@link Poll#pending()}.
     */
    public boolean consumeBudget() {
        int left = budget;
        if (left == UNCONSTRAINED) {
            return true;
        }
        if (left > 0) {
            budget = left - 1;
            return true;
        }
        wakeSelf();
        return false;
    }

    /** Whether the budget has units left (always true when unconstrained). */
    public boolean hasBudgetRemaining() {
        return budget != 0;
    }

    /**
     * Wakes the current task and returns Pending (Tokio's {@code yield_now}). On a worker the
     * task is set aside until the worker has run everything else it can find (its queue, the
     * global queue, other workers' queues) or until its next maintenance tick, so a task that
     * yields in a loop cannot keep the queues from draining.
     */
    public <T> Poll<T> yieldNow() {
        wakeSelf();
        return Poll.pending();
    }

    /**
     * Wakes the task being polled. Inside a task this only marks it: the scheduler re-queues it
     * when the poll returns, in the same CAS that makes it idle, instead of a separate wake CAS.
     */
    private void wakeSelf() {
        if (task != null) {
            repoll = true;
        } else {
            waker.wake();
        }
    }

    /** Whether the task polled last asked to be polled again; clears the mark. Scheduler only. */
    public boolean takeRepoll() {
        boolean r = repoll;
        repoll = false;
        return r;
    }

    /**
     * Registers a resource to close exactly once when the current task ends, however it ends
     * (completed, failed, aborted or shut down). Resources are closed in reverse order of
     * registration, on a worker thread.
     *
     * @throws IllegalStateException when not polled as part of a task
     */
    public void registerCleanup(AutoCloseable resource) {
        Objects.requireNonNull(resource, "resource");
        if (task == null) {
            throw new IllegalStateException("registerCleanup outside a task");
        }
        task.addCleanup(resource);
    }

    // ---- used by schedulers; not for futures ----

    /** Points this context at {@code t} for one poll with a fresh budget. Owning thread only. */
    public void enter(Task<?> t, int budgetUnits) {
        this.task = t;
        this.repoll = false;
        this.waker = t;
        this.budget = budgetUnits;
    }

    /** Re-targets the waker for polling outside a task (blockOn). Owning thread only. */
    public void enterExternal(Waker w, int budgetUnits) {
        this.task = null;
        this.waker = w;
        this.budget = budgetUnits;
    }

    /** Units left in the current poll; the scheduler carries them over to LIFO follow-ups. */
    public int remainingBudget() {
        return budget;
    }

    /** Ends the current poll. Owning thread only. */
    public void exit() {
        this.task = null;
    }
}
