package dev.weft.runtime;

import dev.weft.runtime.driver.DriverFactory;
import dev.weft.runtime.scheduler.SchedulerConfig;
import dev.weft.runtime.task.Task;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/** Options of a {@link Runtime}; {@link #build()} checks them all and names what is wrong. */
public final class RuntimeBuilder {

    private Runtime.Flavor flavor = Runtime.Flavor.MULTI_THREAD;
    private int workers = java.lang.Runtime.getRuntime().availableProcessors();
    private int localQueueCapacity = 256;
    /** 0: tuned at run time from the mean poll time. */
    private int globalQueueInterval = 0;
    private int eventInterval = 61;
    private int maxLifoPolls = 3;
    private int budget = Context.DEFAULT_BUDGET;
    private String threadName = "weft-worker";
    private DriverFactory drivers = DriverFactory.threadParker();
    private Duration shutdownTimeout = Duration.ofSeconds(10);
    private int maxBlockingThreads = 512;
    private Duration blockingKeepAlive = Duration.ofSeconds(10);
    private BiConsumer<Task<?>, Throwable> errorHandler = (task, error) -> {
        System.err.println("weft: error in cleanup of " + task + ": " + error);
    };

    RuntimeBuilder() {}

    public RuntimeBuilder flavor(Runtime.Flavor flavor) {
        this.flavor = Objects.requireNonNull(flavor, "flavor");
        return this;
    }

    /** Shorthand for the current-thread flavor. */
    public RuntimeBuilder currentThread() {
        return flavor(Runtime.Flavor.CURRENT_THREAD);
    }

    /** Worker threads of the multi-thread flavor (default: available processors). */
    public RuntimeBuilder workers(int workers) {
        this.workers = workers;
        return this;
    }

    /** Slots of each worker's local queue: a power of two (default 256). */
    public RuntimeBuilder localQueueCapacity(int capacity) {
        this.localQueueCapacity = capacity;
        return this;
    }

    /**
     * Fixes the ticks between looks at the global queue ahead of the local one. By default the
     * interval is tuned to about 200 µs of polling (61 until measured), as Tokio does.
     */
    public RuntimeBuilder globalQueueInterval(int ticks) {
        this.globalQueueInterval = ticks;
        return this;
    }

    /** Ticks between driver polls (I/O, timers) while busy (default 61). */
    public RuntimeBuilder eventInterval(int ticks) {
        this.eventInterval = ticks;
        return this;
    }

    /** Consecutive LIFO-slot polls before the slot yields to the queue (default 3). */
    public RuntimeBuilder maxLifoPolls(int polls) {
        this.maxLifoPolls = polls;
        return this;
    }

    /** Cooperative budget units per task poll (default 128). */
    public RuntimeBuilder budget(int units) {
        this.budget = units;
        return this;
    }

    public RuntimeBuilder threadName(String prefix) {
        this.threadName = Objects.requireNonNull(prefix, "threadName");
        return this;
    }

    /** How workers park; the I/O driver plugs in here (default: a plain thread parker). */
    public RuntimeBuilder drivers(DriverFactory factory) {
        this.drivers = Objects.requireNonNull(factory, "drivers");
        return this;
    }

    public RuntimeBuilder shutdownTimeout(Duration timeout) {
        this.shutdownTimeout = Objects.requireNonNull(timeout, "shutdownTimeout");
        return this;
    }

    public RuntimeBuilder maxBlockingThreads(int threads) {
        this.maxBlockingThreads = threads;
        return this;
    }

    public RuntimeBuilder blockingKeepAlive(Duration keepAlive) {
        this.blockingKeepAlive = Objects.requireNonNull(keepAlive, "blockingKeepAlive");
        return this;
    }

    /** Receives failures that have no JoinHandle to land in (a cleanup that threw). */
    public RuntimeBuilder onError(BiConsumer<Task<?>, Throwable> handler) {
        this.errorHandler = Objects.requireNonNull(handler, "onError");
        return this;
    }

    /** Validates every option, then starts the runtime. */
    public Runtime build() {
        List<String> problems = new ArrayList<>();
        if (workers < 1 || workers > 32_767) {
            problems.add("workers must be in 1..32767, was " + workers);
        }
        if (localQueueCapacity < 4 || Integer.bitCount(localQueueCapacity) != 1) {
            problems.add("localQueueCapacity must be a power of two >= 4, was " + localQueueCapacity);
        }
        if (globalQueueInterval != 0 && (globalQueueInterval < 2 || globalQueueInterval > 127)) {
            problems.add("globalQueueInterval must be in 2..127, was " + globalQueueInterval);
        }
        if (eventInterval < 1) {
            problems.add("eventInterval must be >= 1, was " + eventInterval);
        }
        if (maxLifoPolls < 1) {
            problems.add("maxLifoPolls must be >= 1, was " + maxLifoPolls);
        }
        if (budget < 1) {
            problems.add("budget must be >= 1, was " + budget);
        }
        if (maxBlockingThreads < 1) {
            problems.add("maxBlockingThreads must be >= 1, was " + maxBlockingThreads);
        }
        if (shutdownTimeout.isNegative() || blockingKeepAlive.isNegative()) {
            problems.add("shutdownTimeout and blockingKeepAlive must not be negative");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid runtime options: " + String.join("; ", problems));
        }
        return new Runtime(this);
    }

    Runtime.Flavor flavor() {
        return flavor;
    }

    SchedulerConfig schedulerConfig() {
        return new SchedulerConfig(flavor == Runtime.Flavor.CURRENT_THREAD ? 1 : workers, localQueueCapacity,
                globalQueueInterval, eventInterval, maxLifoPolls, budget, threadName, drivers, shutdownTimeout);
    }

    String threadName() {
        return threadName;
    }

    int maxBlockingThreads() {
        return maxBlockingThreads;
    }

    Duration blockingKeepAlive() {
        return blockingKeepAlive;
    }

    Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    BiConsumer<Task<?>, Throwable> errorHandler() {
        return errorHandler;
    }
}
