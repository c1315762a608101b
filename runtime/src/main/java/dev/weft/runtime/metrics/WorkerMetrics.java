package dev.weft.runtime.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Counters of one worker. Written only by that worker, read by anyone taking a snapshot.
 *
 * <p>ordering: opaque stores by the owner and opaque loads by readers. A counter has one writer,
 * so the owner's read-increment-store needs no atomic RMW and contends with nobody; opaque
 * guarantees a reader sees each counter's values in order, never torn, and eventually the last
 * one. A snapshot is not a consistent cut across counters, which metrics do not need.
 */
public final class WorkerMetrics {

    private static final VarHandle POLLS;
    private static final VarHandle STEALS;
    private static final VarHandle STOLEN;
    private static final VarHandle PARKS;
    private static final VarHandle UNPARKS;
    private static final VarHandle OVERFLOWS;
    private static final VarHandle BUSY;
    private static final VarHandle LIFO;
    private static final VarHandle REMOTE;
    private static final VarHandle INTERVAL;
    private static final VarHandle MEAN_POLL;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            POLLS = l.findVarHandle(WorkerMetrics.class, "polls", long.class);
            STEALS = l.findVarHandle(WorkerMetrics.class, "steals", long.class);
            STOLEN = l.findVarHandle(WorkerMetrics.class, "stolenTasks", long.class);
            PARKS = l.findVarHandle(WorkerMetrics.class, "parks", long.class);
            UNPARKS = l.findVarHandle(WorkerMetrics.class, "unparks", long.class);
            OVERFLOWS = l.findVarHandle(WorkerMetrics.class, "overflows", long.class);
            BUSY = l.findVarHandle(WorkerMetrics.class, "busyNanos", long.class);
            LIFO = l.findVarHandle(WorkerMetrics.class, "lifoPolls", long.class);
            REMOTE = l.findVarHandle(WorkerMetrics.class, "remoteTasks", long.class);
            INTERVAL = l.findVarHandle(WorkerMetrics.class, "globalQueueInterval", int.class);
            MEAN_POLL = l.findVarHandle(WorkerMetrics.class, "meanPollNanos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long polls;
    private long steals;
    private long stolenTasks;
    private long parks;
    private long unparks;
    private long overflows;
    private long busyNanos;
    private long lifoPolls;
    private long remoteTasks;
    private int globalQueueInterval;
    private long meanPollNanos;

    // ordering: opaque load and store by the only writer (see class doc). Each counter names its
    // static VarHandle directly, so the JIT folds it to a plain increment.
    public void incPolls() {
        POLLS.setOpaque(this, (long) POLLS.getOpaque(this) + 1);
    }

    public void incLifoPolls() {
        LIFO.setOpaque(this, (long) LIFO.getOpaque(this) + 1);
    }

    public void incSteals(int tasks) {
        STEALS.setOpaque(this, (long) STEALS.getOpaque(this) + 1);
        STOLEN.setOpaque(this, (long) STOLEN.getOpaque(this) + tasks);
    }

    public void incParks() {
        PARKS.setOpaque(this, (long) PARKS.getOpaque(this) + 1);
    }

    public void incUnparks() {
        UNPARKS.setOpaque(this, (long) UNPARKS.getOpaque(this) + 1);
    }

    public void incOverflows(int tasks) {
        OVERFLOWS.setOpaque(this, (long) OVERFLOWS.getOpaque(this) + tasks);
    }

    public void incRemoteTasks(int tasks) {
        REMOTE.setOpaque(this, (long) REMOTE.getOpaque(this) + tasks);
    }

    /** The worker's current global-queue interval and the mean poll time it was tuned from. */
    public void setTuning(int interval, long meanPollNanos) {
        INTERVAL.setOpaque(this, interval);
        MEAN_POLL.setOpaque(this, meanPollNanos);
    }

    public void addBusyNanos(long nanos) {
        BUSY.setOpaque(this, (long) BUSY.getOpaque(this) + nanos);
    }

    /** A copy of the counters; the depth and timer count are read by the caller. */
    public WorkerSnapshot snapshot(int index, int queueDepth, int timers) {
        return new WorkerSnapshot(index,
                (long) POLLS.getOpaque(this), (long) LIFO.getOpaque(this),
                (long) STEALS.getOpaque(this), (long) STOLEN.getOpaque(this),
                (long) PARKS.getOpaque(this), (long) UNPARKS.getOpaque(this),
                (long) OVERFLOWS.getOpaque(this), (long) REMOTE.getOpaque(this),
                (long) BUSY.getOpaque(this), queueDepth, timers,
                (int) INTERVAL.getOpaque(this), (long) MEAN_POLL.getOpaque(this));
    }

    /**
     * One worker's counters at a point in time.
     *
     * @param polls tasks polled, LIFO-slot polls included
     * @param lifoPolls polls taken from the LIFO slot
     * @param steals successful steal operations by this worker
     * @param stolenTasks tasks those steals moved
     * @param parks times the worker went to sleep
     * @param unparks times it woke up
     * @param overflows tasks moved from its full local queue to the global queue
     * @param remoteTasks tasks it took from the global queue
     * @param busyNanos time spent polling tasks
     * @param localQueueDepth tasks in its local queue when the snapshot was taken
     * @param timers timers registered with its timer wheel
     * @param globalQueueInterval ticks between its looks at the global queue now (0: not tuned)
     * @param meanPollNanos the mean poll time that interval was tuned from (0: not measured)
     */
    public record WorkerSnapshot(int index, long polls, long lifoPolls, long steals, long stolenTasks,
                                 long parks, long unparks, long overflows, long remoteTasks,
                                 long busyNanos, int localQueueDepth, int timers,
                                 int globalQueueInterval, long meanPollNanos) {}
}
