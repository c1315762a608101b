package dev.weft.runtime.task;

import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.JoinException;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Waker;

import java.util.ArrayList;

/**
 * A spawned future with its state word, output and join waker: Tokio's task cell and harness in
 * one object. The task is its own waker and its own {@link JoinHandle}, so waking allocates
 * nothing and spawning allocates the task and the future only.
 *
 * <p>Thread roles: the thread holding RUNNING owns {@link #future} and {@link #cleanups};
 * {@link #output} is written by it before the COMPLETE CAS and read by the JoinHandle after a
 * volatile read that sees COMPLETE; {@link #joinWaker} follows the JOIN_WAKER protocol of
 * {@link TaskState}. The owned-list links are guarded by the owning shard's lock.
 */
public final class Task<T> extends TaskState implements Waker, JoinHandle<T> {

    private final long id;
    private final Scheduler scheduler;
    /** Owned by the RUNNING holder; null once complete. */
    private Future<T> future;
    /** Owned by the RUNNING holder; lazily created. */
    private ArrayList<AutoCloseable> cleanups;
    /** See class doc: written before COMPLETE, read after it. */
    private Object output;
    /** Written by the JoinHandle while JOIN_WAKER is unset; read by the completer once it is set. */
    private Waker joinWaker;
    /** Guarded by the owned-tasks shard lock. */
    Task<?> ownedPrev;
    /** Guarded by the owned-tasks shard lock. */
    Task<?> ownedNext;
    /** Guarded by the owned-tasks shard lock. */
    boolean owned;

    public Task(long id, Future<T> future, Scheduler scheduler) {
        super(INITIAL);
        this.id = id;
        this.future = future;
        this.scheduler = scheduler;
    }

    public long id() {
        return id;
    }

    @Override
    public long taskId() {
        return id;
    }

    /** Wakes the task: queues it once however many wakes race; re-polls it if it is running. */
    @Override
    public void wake() {
        if (transitionToNotified() == ToNotified.SUBMIT) {
            scheduler.schedule(this);
        }
    }

    /**
     * Polls the task once with {@code budget} units; called by a worker that took it from a queue.
     * The worker reads what is left of the budget from {@code cx} afterwards.
     */
    public void run(Context cx, int budget) {
        switch (transitionToRunning()) {
            case SUCCESS -> pollFuture(cx, budget);
            case CANCELLED -> complete(new Cancelled("aborted"), 2);
            case FAILED -> dropReferences(1);
        }
    }

    private void pollFuture(Context cx, int budget) {
        Poll<T> result;
        cx.enter(this, budget);
        try {
            result = future.poll(cx);
        } catch (Throwable error) {
            complete(new Failure(error), 2);
            return;
        } finally {
            cx.exit();
        }
        if (result instanceof Poll.Ready<T> ready) {
            complete(ready.value(), 2);
            return;
        }
        switch (transitionToIdle(cx.takeRepoll())) {
            case OK_DONE -> dropReferences(1);
            case OK_NOTIFIED -> scheduler.yieldTask(this);
            case CANCELLED -> complete(new Cancelled("aborted"), 2);
        }
    }

    /** Requests cancellation; a worker runs the cleanup. Any thread. */
    @Override
    public void abort() {
        if (transitionToNotifiedAndCancel()) {
            scheduler.schedule(this);
        }
    }

    /**
     * Runtime shutdown: cancels the task now, on the calling thread, if nobody is polling it;
     * a poller that holds it cancels it when its poll returns.
     */
    public void shutdown() {
        if (transitionToShutdown()) {
            // Claimed without a queue reference: only the owned list's reference is dropped.
            complete(new Cancelled("runtime shut down"), 1);
        }
    }

    /**
     * Shuts down a task taken from a queue that will not run again (a stopped runtime): cancels
     * it if nobody did, then drops the queue entry's reference.
     */
    public void shutdownQueued() {
        shutdown();
        ToRunning r = transitionToRunning();
        assert r == ToRunning.FAILED : "a queued task ran after shutdown: " + this;
        dropReferences(1);
    }

    public boolean isComplete() {
        return has(lvState(), COMPLETE);
    }

    @Override
    public boolean isDone() {
        return isComplete();
    }

    /** Called by {@link Context#registerCleanup} while this task is being polled. */
    public void addCleanup(AutoCloseable resource) {
        if (cleanups == null) {
            cleanups = new ArrayList<>(2);
        }
        cleanups.add(resource);
    }

    /**
     * RUNNING holder only. Cleans up, publishes the output, wakes the joiner, and drops
     * {@code refs} references: the owned list's, plus the queue entry's when one was polled.
     */
    private void complete(Object out, int refs) {
        Throwable cleanupError = runCleanups();
        if (cleanupError != null) {
            if (out instanceof Failure failure) {
                failure.error.addSuppressed(cleanupError);
            } else {
                scheduler.reportError(this, cleanupError);
            }
        }
        output = out;
        future = null;
        // ordering: the CAS releases output; pairs with the volatile read in pollJoin().
        long prev = transitionToComplete();
        if (!has(prev, JOIN_INTEREST)) {
            output = null;
        } else if (has(prev, JOIN_WAKER)) {
            // ordering: prev came from our CAS, which acquired the JoinHandle's write of joinWaker.
            joinWaker.wake();
        }
        scheduler.release(this);
        dropReferences(refs);
    }

    private Throwable runCleanups() {
        Throwable first = null;
        if (cleanups != null) {
            for (int i = cleanups.size() - 1; i >= 0; i--) {
                first = closeQuietly(cleanups.get(i), first);
            }
            cleanups = null;
        }
        if (future instanceof AutoCloseable closeable) {
            first = closeQuietly(closeable, first);
        }
        return first;
    }

    private static Throwable closeQuietly(AutoCloseable resource, Throwable first) {
        try {
            resource.close();
        } catch (Throwable e) {
            if (first == null) {
                return e;
            }
            first.addSuppressed(e);
        }
        return first;
    }

    private void dropReferences(int n) {
        if (refDec(n)) {
            // Last reference gone: nothing may touch the task again; let go of what it holds.
            future = null;
            joinWaker = null;
        }
    }

    // ---- the JoinHandle side ----

    /**
     * Polls for the output (Tokio's {@code try_read_output}). Throws {@link JoinException} when
     * the task failed or was cancelled.
     */
    @Override
    public Poll<T> pollJoin(Context cx) {
        long s = lvState();
        if (!has(s, COMPLETE)) {
            if (!has(s, JOIN_WAKER)) {
                if (installJoinWaker(cx.waker())) {
                    return Poll.pending();
                }
            } else if (joinWaker == cx.waker()) {
                return Poll.pending();
            } else if (unsetJoinWaker() && installJoinWaker(cx.waker())) {
                return Poll.pending();
            }
        }
        return Poll.ready(readOutput());
    }

    private boolean installJoinWaker(Waker waker) {
        // ordering: plain write, published by the CAS in setJoinWaker(); JOIN_WAKER unset means
        // the completer does not read this field.
        joinWaker = waker;
        return setJoinWaker();
    }

    /** The output of a complete task. Call only after observing COMPLETE. */
    @SuppressWarnings("unchecked")
    public T readOutput() {
        Object out = output;
        if (out instanceof Failure failure) {
            throw JoinException.failed(id, failure.error);
        }
        if (out instanceof Cancelled cancelled) {
            throw JoinException.cancelled(id, cancelled.why);
        }
        return (T) out;
    }

    /** The JoinHandle will not read the output any more. */
    @Override
    public void detach() {
        unsetJoinInterest();
        dropReferences(1);
    }

    /** Whether the task ended by cancellation; only meaningful once complete. */
    @Override
    public boolean isCancelled() {
        return isComplete() && output instanceof Cancelled;
    }

    @Override
    public String toString() {
        return "Task#" + id + "[" + describe(lvState()) + "]";
    }

    private record Failure(Throwable error) {}

    private record Cancelled(String why) {}
}
