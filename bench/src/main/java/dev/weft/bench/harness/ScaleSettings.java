package dev.weft.bench.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How every cell of a table run is run.
 *
 * @param messageBytes echo message size
 * @param ramp time over which connections open; null = one second per {@link #CONNECTS_PER_SECOND} connections (at least 1 s)
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

    /**
     * Connections per second a default ramp opens: what one single-worker Weft server accepted on
     * 2 shared cores (~3,000/s), so a ramp does not outrun the slowest server's accept loop.
     */
    static final int CONNECTS_PER_SECOND = 3_000;

    /** The ramp for {@code connections}: as given, or one second per {@link #CONNECTS_PER_SECOND}, at least one. */
    Duration rampFor(int connections) {
        return ramp != null ? ramp : Duration.ofMillis(Math.max(1000, connections * 1000L / CONNECTS_PER_SECOND));
    }
}
