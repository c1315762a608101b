package dev.weft.bench.loadgen;

/**
 * What one run of the echo scenario measured. Latencies are round trips in microseconds over
 * the measured window; {@code messages} is the number of round trips in that window (the
 * histogram's count, so rate and percentiles describe the same messages).
 *
 * @param io the generator's I/O backend
 * @param connections connections asked for
 * @param openAtStart connections open when the window began
 * @param openAtEnd connections open when it ended
 * @param messageBytes bytes per message
 * @param ratePerSecond 0 in closed loop, else the target rate
 * @param windowNanos the measured window's length
 * @param messages round trips completed in the window
 * @param messagesPerSecond {@code messages} over the window
 * @param p50Micros median round trip
 * @param p90Micros 90th percentile
 * @param p99Micros 99th percentile
 * @param p999Micros 99.9th percentile
 * @param maxMicros longest round trip
 * @param meanMicros mean round trip
 * @param connectErrors failed connects over the whole run
 * @param ioErrors connections that ended early over the whole run
 * @param totalSent messages whose sending began over the whole run (warm-up included)
 * @param totalCompleted round trips completed over the whole run
 * @param totalBytesReceived echoed bytes over the whole run
 * @param generatorCpuNanos this process's CPU time (user + system) over the window
 * @param generatorCoresUsed that CPU time over the window: near the worker count means the
 *     generator, not the server, limited the rate
 * @param serverPid the watched server, or 0
 * @param serverCpuNanos the server's CPU time over the window, or 0 without a server pid
 * @param serverCpuNanosPerMessage that over {@code messages}, or 0
 * @param serverRssBytes the server's resident memory at the window's end, or 0
 * @param machineCoresBusy all CPUs' busy time over the window, in cores ({@code /proc/stat})
 * @param otherCoresBusy what neither this process nor the server used of that: other
 *     processes (and interrupts) competing for the machine; large values spoil a run
 */
public record EchoLoadResult(
        String io, int connections, int openAtStart, int openAtEnd, int messageBytes, long ratePerSecond,
        long windowNanos, long messages, double messagesPerSecond,
        double p50Micros, double p90Micros, double p99Micros, double p999Micros, double maxMicros,
        double meanMicros,
        long connectErrors, long ioErrors, long totalSent, long totalCompleted, long totalBytesReceived,
        long generatorCpuNanos, double generatorCoresUsed,
        long serverPid, long serverCpuNanos, double serverCpuNanosPerMessage, long serverRssBytes,
        double machineCoresBusy, double otherCoresBusy) {
}
