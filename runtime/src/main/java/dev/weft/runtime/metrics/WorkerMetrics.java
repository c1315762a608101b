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

    private static void bump(VarHandle h, WorkerMetrics m, long by) {
        h.setOpaque(m, (long) h.getOpaque(m) + by);
    }

    public void incPolls() { bump(POLLS, this, 1); }

    public void incLifoPolls() { bump(LIFO, this, 1); }

    public void incSteals(int tasks) {
        bump(STEALS, this, 1);
        bump(STOLEN, this, tasks);
    }

    public void incParks() { bump(PARKS, this, 1); }

    public void incUnparks() { bump(UNPARKS, this, 1); }

    public void incOverflows(int tasks) { bump(OVERFLOWS, this, tasks); }

    public void incRemoteTasks() { bump(REMOTE, this, 1); }

    public void addBusyNanos(long nanos) { bump(BUSY, this, nanos); }

    /** A copy of the counters; the depth and timer count are read by the caller. */
    public WorkerSnapshot snapshot(int index, int queueDepth, int timers) {
        return new WorkerSnapshot(index,
                (long) POLLS.getOpaque(this), (long) LIFO.getOpaque(this),
                (long) STEALS.getOpaque(this), (long) STOLEN.getOpaque(this),
                (long) PARKS.getOpaque(this), (long) UNPARKS.getOpaque(this),
                (long) OVERFLOWS.getOpaque(this), (long) REMOTE.getOpaque(this),
                (long) BUSY.getOpaque(this), queueDepth, timers);
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
     */
    public record WorkerSnapshot(int index, long polls, long lifoPolls, long steals, long stolenTasks,
                                 long parks, long unparks, long overflows, long remoteTasks,
                                 long busyNanos, int localQueueDepth, int timers) {}
}
