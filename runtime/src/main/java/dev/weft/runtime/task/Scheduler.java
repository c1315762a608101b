package dev.weft.runtime.task;

/** What a task needs from the scheduler that owns it. */
public interface Scheduler {

    /** A wake made the task runnable: queue it (on this worker's LIFO slot when called from one). */
    void schedule(Task<?> task);

    /** The task woke itself during its poll (yield): queue it behind the tasks already waiting. */
    void yieldTask(Task<?> task);

    /** The task completed: remove it from the owned list. */
    void release(Task<?> task);

    /** Reports a failure that has no JoinHandle to land in (a cleanup that threw). */
    void reportError(Task<?> task, Throwable error);
}
