package dev.weft.bench.loadgen;

/**
 * What one run of the {@code connect} scenario measured over its window.
 *
 * @param connectors connections being opened at once
 * @param windowNanos the measured window's length
 * @param connects connects completed (each closed at once) in the window
 * @param connectsPerSecond {@code connects} over the window
 * @param p50Micros median time from the connect call until connected
 * @param p99Micros 99th percentile of that
 * @param connectErrors failed connects over the whole run
 * @param firstError the first failure's message, or null
 * @param generatorCoresUsed this process's CPU over the window, in cores
 * @param serverCpuNanos the watched servers' CPU over the window, summed
 * @param serverCpuNanosPerConnect that over {@code connects}, or 0
 * @param serverRssBytes the servers' resident memory at the window's end, summed
 * @param machineCoresBusy all CPUs' busy time over the window, in cores
 */
public record ConnectLoadResult(int connectors, long windowNanos, long connects, double connectsPerSecond,
                                double p50Micros, double p99Micros, long connectErrors, String firstError,
                                double generatorCoresUsed, long serverCpuNanos, double serverCpuNanosPerConnect,
                                long serverRssBytes, double machineCoresBusy) {
}
