package dev.weft.runtime.scheduler;

import dev.weft.runtime.driver.DriverFactory;

import java.time.Duration;

/**
 * The tunables of a multi-thread scheduler, validated by the runtime builder.
 *
 * @param workers worker threads
 * @param localQueueCapacity slots in each worker's ring (power of two; 256 as Tokio)
 * @param globalQueueInterval ticks between checks of the global queue ahead of the local one;
 *     0 to tune it from the mean poll time
 * @param eventInterval ticks between polls of the driver (I/O and timers) while busy
 * @param maxLifoPolls consecutive LIFO-slot polls before the slot yields to the queue
 * @param budget cooperative budget units per task poll
 * @param threadName prefix of worker thread names
 * @param drivers how each worker parks
 * @param shutdownTimeout how long close() waits for workers to finish
 */
public record SchedulerConfig(int workers, int localQueueCapacity, int globalQueueInterval,
                              int eventInterval, int maxLifoPolls, int budget, String threadName,
                              DriverFactory drivers, Duration shutdownTimeout) {}
