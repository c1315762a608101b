package dev.weft.bench.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How every cell of a table run is run.
 *
 * @param messageBytes echo message size
 * @param ramp time over which connections open; null = one second per 10,000 connections (at least 1 s)
 * @param warmup unmeasured time after the ramp
 * @param duration measured window
 * @param serverProcesses P, or 0 to choose from the connection count and the open-file limit
 * @param generators G, or 0 to choose likewise
 * @param serverThreads event loops / workers / carriers per server process
 * @param clientThreads workers per generator process
 * @param clientIo the generators' I/O backend
 * @param jvmFlags flags of every server and generator JVM
 * @param perf whether to try perf stat on the servers
 * @param out results directory
 */
record ScaleSettings(int messageBytes, Duration ramp, Duration warmup, Duration duration, int serverProcesses,
                     int generators, int serverThreads, int clientThreads, String clientIo, List<String> jvmFlags,
                     boolean perf, Path out) {

    /** The ramp for {@code connections}: as given, or one second per 10,000 connections, at least one. */
    Duration rampFor(int connections) {
        return ramp != null ? ramp : Duration.ofMillis(Math.max(1000, connections / 10));
    }
}
