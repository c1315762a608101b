package dev.weft.bench.loadgen;

import org.HdrHistogram.Recorder;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters every connection task updates and the coordinator reads. The counters are
 * {@link LongAdder}s and the latencies go to a {@link Recorder}, whose writers are wait-free,
 * so connections on different workers never contend on one word; the coordinator swaps the
 * recorder's interval histogram out at the measured window's edges.
 */
final class LoadStats {

    /** Longest round trip recorded as itself; longer ones are clamped to it. */
    static final long MAX_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(60);

    /** Round-trip nanoseconds. Connections record; the coordinator takes intervals. */
    final Recorder latencyNanos = new Recorder(MAX_LATENCY_NANOS, 3);
    /** Connections currently open. Connections increment and decrement; the coordinator reads. */
    final AtomicInteger open = new AtomicInteger();
    /** Connections ever established (and upgraded, for WebSocket). */
    final LongAdder connected = new LongAdder();
    /** Connects that failed (refused, reset, timed out by the kernel). */
    final LongAdder connectErrors = new LongAdder();
    /** Established connections that ended early: reset, end of stream, a refused upgrade, a reply that is not the echo. */
    final LongAdder ioErrors = new LongAdder();
    /** Messages whose sending began. */
    final LongAdder sent = new LongAdder();
    /** Messages whose whole echo came back. */
    final LongAdder completed = new LongAdder();
    /** Echoed bytes received. */
    final LongAdder bytesReceived = new LongAdder();

    /** The first connection error's message, for the summary; set once by whichever connection fails first. */
    final AtomicReference<String> firstError = new AtomicReference<>();

    void noteError(Exception e) {
        firstError.compareAndSet(null, e.getMessage() == null ? e.toString() : e.getMessage());
    }

    void recordRoundTrip(long nanos) {
        latencyNanos.recordValue(Math.min(Math.max(nanos, 1), MAX_LATENCY_NANOS));
        completed.increment();
    }

    long errors() {
        return connectErrors.sum() + ioErrors.sum();
    }
}
