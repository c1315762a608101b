package dev.weft.runtime.driver;

/** Creates the driver of each worker; called once per worker when a runtime is built. */
@FunctionalInterface
public interface DriverFactory {

    Driver create(int workerIndex);

    /** Workers that sleep on a {@link ThreadParker}: no I/O, timers only. */
    static DriverFactory threadParker() {
        return index -> new ThreadParker();
    }
}
