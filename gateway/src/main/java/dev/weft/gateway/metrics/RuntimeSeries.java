package dev.weft.gateway.metrics;

import dev.weft.runtime.Runtime;
import dev.weft.runtime.metrics.RuntimeMetrics;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.ToLongFunction;

/**
 * The scheduler's series ({@code weft_runtime_*}), summed over workers. Each is read from
 * {@link Runtime#metrics()} at scrape time, which never blocks the workers.
 */
final class RuntimeSeries {
    private RuntimeSeries() {
    }

    static void register(PrometheusRegistry registry, Runtime rt) {
        gauge(registry, rt, "weft_runtime_live_tasks", "Tasks spawned and not yet complete", RuntimeMetrics::liveTasks);
        gauge(registry, rt, "weft_runtime_global_queue_depth", "Tasks waiting in the global injection queue",
                RuntimeMetrics::globalQueueDepth);
        gauge(registry, rt, "weft_runtime_blocking_threads", "Threads of the blocking pool", RuntimeMetrics::blockingThreads);
        gauge(registry, rt, "weft_runtime_workers", "Worker threads", m -> m.workers().size());
        counter(registry, rt, "weft_runtime_polls", "Task polls by all workers", RuntimeMetrics::totalPolls);
        counter(registry, rt, "weft_runtime_steals", "Successful steals between workers", RuntimeMetrics::totalSteals);
        counter(registry, rt, "weft_runtime_parks", "Times a worker parked for lack of work", RuntimeMetrics::totalParks);
        counter(registry, rt, "weft_runtime_overflows", "Times a full local queue moved tasks to the global queue",
                RuntimeMetrics::totalOverflows);
    }

    private static void gauge(PrometheusRegistry registry, Runtime rt, String name, String help,
                              ToLongFunction<RuntimeMetrics> value) {
        GaugeWithCallback.builder().name(name).help(help)
                .callback(cb -> cb.call(value.applyAsLong(rt.metrics()))).register(registry);
    }

    private static void counter(PrometheusRegistry registry, Runtime rt, String name, String help,
                                ToLongFunction<RuntimeMetrics> value) {
        CounterWithCallback.builder().name(name).help(help)
                .callback(cb -> cb.call(value.applyAsLong(rt.metrics()))).register(registry);
    }
}
