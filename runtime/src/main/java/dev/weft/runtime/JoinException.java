package dev.weft.runtime;

/** Why a task has no value: it failed with an exception, or it was cancelled. */
public final class JoinException extends RuntimeException {

    private final long taskId;
    private final boolean cancelled;

    private JoinException(long taskId, boolean cancelled, String message, Throwable cause) {
        super(message, cause);
        this.taskId = taskId;
        this.cancelled = cancelled;
    }

    public static JoinException failed(long taskId, Throwable cause) {
        return new JoinException(taskId, false, "task " + taskId + " failed: " + cause, cause);
    }

    public static JoinException cancelled(long taskId, String why) {
        return new JoinException(taskId, true, "task " + taskId + " was cancelled (" + why + ")", null);
    }

    public long taskId() {
        return taskId;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** True when the task threw; {@link #getCause()} is what it threw. */
    public boolean isFailure() {
        return !cancelled;
    }
}
