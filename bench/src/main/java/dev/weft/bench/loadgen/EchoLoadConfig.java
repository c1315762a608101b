package dev.weft.bench.loadgen;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One run of the {@code echo} scenario: how many connections, what they send, for how long.
 *
 * <p>Timeline from the start: connection {@code i} of {@code n} connects at
 * {@code i * ramp / n}; warm-up runs from the end of the ramp for {@code warmup}; the measured
 * window follows for {@code duration}, or until {@code maxMessages} round trips were measured.
 *
 * @param target the echo server
 * @param connections connections to open, at most {@link SourceAddresses#CONNECTIONS_PER_ADDRESS} per source address
 * @param messageBytes bytes per message; each connection waits for the whole echo before sending again
 * @param ratePerSecond 0 for closed loop (send again as soon as the echo is back); else the
 *     total messages per second over all connections, each connection sending on a fixed
 *     schedule and latency counted from the scheduled time (coordinated-omission safe)
 * @param ramp time over which connections open, evenly spaced
 * @param warmup time after the ramp whose round trips are not measured
 * @param duration the measured window
 * @param maxMessages the measured window also ends after this many round trips
 * @param io {@code auto}, {@code io_uring}, {@code epoll} or {@code nio}
 * @param workers runtime workers (each with its own I/O driver)
 * @param watchPids processes (the server's) whose CPU time and RSS are read at the window's
 *     edges and summed; empty for none
 * @param protocol raw TCP, or WebSocket (upgrade, then one binary frame per message)
 * @param sources the loopback addresses the connections come from
 */
public record EchoLoadConfig(InetSocketAddress target, int connections, int messageBytes,
                             long ratePerSecond, Duration ramp, Duration warmup, Duration duration,
                             long maxMessages, String io, int workers, List<Long> watchPids, EchoProtocol protocol,
                             SourceAddresses sources) {

    public EchoLoadConfig {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(io, "io");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(sources, "sources");
        watchPids = List.copyOf(watchPids);
        if (connections < 1) {
            throw new IllegalArgumentException("--conns must be at least 1; was " + connections);
        }
        if (connections > (long) sources.count() * SourceAddresses.CONNECTIONS_PER_ADDRESS) {
            throw new IllegalArgumentException("--conns " + connections + " needs at least "
                    + SourceAddresses.needed(connections) + " source addresses (--source-addresses; "
                    + SourceAddresses.CONNECTIONS_PER_ADDRESS + " per address); given " + sources.count());
        }
        if (messageBytes < 1) {
            throw new IllegalArgumentException("--size must be at least 1; was " + messageBytes);
        }
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("--rate must be 0 (closed loop) or positive; was " + ratePerSecond);
        }
        if (ramp.isNegative() || warmup.isNegative()) {
            throw new IllegalArgumentException("--ramp and --warmup must not be negative");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("--duration must be positive; was " + duration);
        }
        if (maxMessages < 1) {
            throw new IllegalArgumentException("--max-messages must be positive; was " + maxMessages);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("--threads must be at least 1; was " + workers);
        }
    }

    /** Closed loop against {@code target}: 1 s ramp, 1 s warm-up, io auto, one worker, as many source addresses as needed. */
    public static EchoLoadConfig closedLoop(InetSocketAddress target, int connections, int messageBytes,
                                            Duration duration) {
        return new EchoLoadConfig(target, connections, messageBytes, 0, Duration.ofSeconds(1),
                Duration.ofSeconds(1), duration, Long.MAX_VALUE, "auto", 1, List.of(), EchoProtocol.TCP,
                SourceAddresses.forConnections(connections));
    }

    public EchoLoadConfig withRate(long perSecond) {
        return new EchoLoadConfig(target, connections, messageBytes, perSecond, ramp, warmup, duration,
                maxMessages, io, workers, watchPids, protocol, sources);
    }

    public EchoLoadConfig withPhases(Duration newRamp, Duration newWarmup, Duration newDuration) {
        return new EchoLoadConfig(target, connections, messageBytes, ratePerSecond, newRamp, newWarmup,
                newDuration, maxMessages, io, workers, watchPids, protocol, sources);
    }

    public EchoLoadConfig withMaxMessages(long n) {
        return new EchoLoadConfig(target, connections, messageBytes, ratePerSecond, ramp, warmup, duration,
                n, io, workers, watchPids, protocol, sources);
    }

    public EchoLoadConfig withIo(String mode, int workerCount) {
        return new EchoLoadConfig(target, connections, messageBytes, ratePerSecond, ramp, warmup, duration,
                maxMessages, mode, workerCount, watchPids, protocol, sources);
    }

    public EchoLoadConfig withWatchPid(long pid) {
        return withWatchPids(List.of(pid));
    }

    public EchoLoadConfig withWatchPids(List<Long> pids) {
        return new EchoLoadConfig(target, connections, messageBytes, ratePerSecond, ramp, warmup, duration,
                maxMessages, io, workers, pids, protocol, sources);
    }

    public EchoLoadConfig withProtocol(EchoProtocol p) {
        return new EchoLoadConfig(target, connections, messageBytes, ratePerSecond, ramp, warmup, duration,
                maxMessages, io, workers, watchPids, p, sources);
    }

    public EchoLoadConfig withSources(SourceAddresses s) {
        return new EchoLoadConfig(target, connections, messageBytes, ratePerSecond, ramp, warmup, duration,
                maxMessages, io, workers, watchPids, protocol, s);
    }

    /** Nanoseconds between two sends of one connection in open loop; 0 in closed loop. */
    long sendIntervalNanos() {
        return ratePerSecond == 0 ? 0 : Math.max(1, connections * 1_000_000_000L / ratePerSecond);
    }
}
