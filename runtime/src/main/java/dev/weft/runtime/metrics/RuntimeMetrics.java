package dev.weft.runtime.metrics;

import java.util.List;

/**
 * A snapshot of a runtime's counters, taken without stopping or slowing the workers.
 *
 * @param workers per-worker counters, by worker index
 * @param globalQueueDepth tasks waiting in the global injection queue (approximate)
 * @param liveTasks tasks spawned and not yet complete
 * @param blockingThreads threads of the blocking pool alive now
 */
public record RuntimeMetrics(List<WorkerMetrics.WorkerSnapshot> workers, long globalQueueDepth,
                             long liveTasks, int blockingThreads) {

    public long totalPolls() {
        return workers.stream().mapToLong(WorkerMetrics.WorkerSnapshot::polls).sum();
    }

    public long totalSteals() {
        return workers.stream().mapToLong(WorkerMetrics.WorkerSnapshot::steals).sum();
    }

    public long totalStolenTasks() {
        return workers.stream().mapToLong(WorkerMetrics.WorkerSnapshot::stolenTasks).sum();
    }

    public long totalParks() {
        return workers.stream().mapToLong(WorkerMetrics.WorkerSnapshot::parks).sum();
    }

    public long totalOverflows() {
        return workers.stream().mapToLong(WorkerMetrics.WorkerSnapshot::overflows).sum();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("live tasks %d, global queue %d, blocking threads %d%n",
                liveTasks, globalQueueDepth, blockingThreads));
        for (WorkerMetrics.WorkerSnapshot w : workers) {
            b.append(String.format(
                    "  worker %d: polls %d (lifo %d), steals %d (%d tasks), parks %d, unparks %d, "
                            + "overflow %d, from global %d, busy %.1f ms, queue %d, timers %d, "
                            + "global every %d ticks (mean poll %d ns)%n",
                    w.index(), w.polls(), w.lifoPolls(), w.steals(), w.stolenTasks(), w.parks(), w.unparks(),
                    w.overflows(), w.remoteTasks(), w.busyNanos() / 1e6, w.localQueueDepth(), w.timers(),
                    w.globalQueueInterval(), w.meanPollNanos()));
        }
        return b.toString();
    }
}
