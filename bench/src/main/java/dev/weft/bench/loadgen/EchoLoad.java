package dev.weft.bench.loadgen;

import dev.weft.bench.proc.ClockTicks;
import dev.weft.bench.proc.CpuSample;
import dev.weft.bench.proc.GroupCpuSample;
import dev.weft.io.IoConfig;
import dev.weft.io.IoDrivers;
import dev.weft.io.IoSelection;
import dev.weft.io.TcpOptions;
import dev.weft.io.buffer.BufferPool;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs the echo scenario (raw TCP or WebSocket, {@link EchoProtocol}) on a Weft runtime of its own and returns what it measured.
 *
 * <p>The calling thread coordinates: 1. spawn one {@link EchoClient} per connection, each
 * with its ramp slot; 2. after the ramp, wait until every connection is open or has failed (at
 * most {@link #CONNECT_GRACE_NANOS}), so a server slow to accept is not measured while it is
 * still accepting; the warm-up starts then; at its end, discard the latencies so far and read the
 * counters and CPU times; 3. once a second print a progress line; 4. at the end of the window
 * (its duration, or the message cap) take the window's histogram and read everything again;
 * 5. abort the connections and close the runtime. Step 4 comes before step 5, so round trips
 * cut short by the stop are never measured.
 */
public final class EchoLoad {

    /** Closing tens of thousands of connections on a loaded machine takes seconds; the result is taken before. */
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    /** Longest wait after the ramp for the last connections to open. */
    static final long CONNECT_GRACE_NANOS = TimeUnit.SECONDS.toNanos(30);


    private EchoLoad() {}

    /** Runs {@code config} to the end of its window; progress lines go to {@code progress}. */
    public static EchoLoadResult run(EchoLoadConfig config, PrintStream progress) {
        IoSelection selection = IoDrivers.select(config.io());   // logs the choice and why
        LoadStats stats = new LoadStats();
        ClockTicks.perSecond();   // asks getconf once now, not inside the measured window's first reading
        try (BufferPool pool = new BufferPool();
             Runtime rt = Runtime.builder().workers(config.workers()).threadName("loadgen")
                     .drivers(IoDrivers.factory(selection.backend(), IoConfig.defaults(pool)))
                     .shutdownTimeout(SHUTDOWN_TIMEOUT).build()) {
            long start = System.nanoTime();
            List<JoinHandle<Void>> clients = spawnClients(rt, config, stats, pool, start);
            Progress printer = new Progress(progress, stats, start, "msgs/s");
            long rampEnd = start + config.ramp().toNanos();
            printer.phase = "ramp";
            printer.waitUntil(rampEnd, Long.MAX_VALUE, 0);
            long giveUp = rampEnd + CONNECT_GRACE_NANOS;
            while (stats.open.get() + stats.errors() < config.connections() && System.nanoTime() - giveUp < 0) {
                printer.waitUntil(Math.min(giveUp, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20)),
                        Long.MAX_VALUE, 0);
            }
            printer.phase = "warm-up";
            long measureStart = System.nanoTime() + config.warmup().toNanos();

            printer.waitUntil(measureStart, Long.MAX_VALUE, 0);
            stats.latencyNanos.reset();
            long completedBefore = stats.completed.sum();
            int openAtStart = stats.open.get();
            long self = ProcessHandle.current().pid();
            MachineCpu machineBefore = MachineCpu.read();
            CpuSample selfBefore = CpuSample.take(self);
            List<Long> servers = config.watchPids();
            GroupCpuSample serverBefore = servers.isEmpty() ? null : GroupCpuSample.take(servers);
            printer.phase = "measure";
            // From the reading, not the planned start: a late wake-up must not shorten the window.
            long measureEnd = selfBefore.wallNanos() + config.duration().toNanos();

            printer.waitUntil(measureEnd, config.maxMessages(), completedBefore);
            Histogram window = stats.latencyNanos.getIntervalHistogram();
            CpuSample.Span selfSpan = CpuSample.take(self).since(selfBefore);
            double machineCores = MachineCpu.read().coresBusySince(machineBefore);
            CpuSample.Span serverSpan = serverBefore == null ? null : GroupCpuSample.take(servers).since(serverBefore);
            long serverRss = servers.isEmpty() ? 0 : GroupCpuSample.rssBytes(servers);
            int openAtEnd = stats.open.get();
            printer.print("done");
            if (stats.firstError.get() != null) {
                progress.println("first connection error: " + stats.firstError.get());
            }

            for (JoinHandle<Void> c : clients) {
                c.abort();
            }
            return result(config, selection, stats, window, selfSpan, serverSpan, serverRss, machineCores,
                    openAtStart, openAtEnd);
        }
    }

    private static List<JoinHandle<Void>> spawnClients(Runtime rt, EchoLoadConfig config, LoadStats stats,
                                                       BufferPool pool, long start) {
        List<JoinHandle<Void>> clients = new ArrayList<>(config.connections());
        long rampNanos = config.ramp().toNanos();
        for (int i = 0; i < config.connections(); i++) {
            long slot = start + rampNanos * i / config.connections();
            EchoWire wire = config.protocol().newWire(config.messageBytes(), config.target());
            TcpOptions options = TcpOptions.defaults().withLocalAddress(config.sources().address(i));
            clients.add(rt.spawn(new EchoClient(config.target(), options, wire, config.sendIntervalNanos(), slot, stats, pool)));
        }
        return clients;
    }

    private static EchoLoadResult result(EchoLoadConfig config, IoSelection selection, LoadStats stats,
                                         Histogram window, CpuSample.Span self, CpuSample.Span server,
                                         long serverRss, double machineCores, int openAtStart, int openAtEnd) {
        long messages = window.getTotalCount();
        double seconds = self.wallNanos() / 1e9;
        long serverCpu = server == null ? 0 : server.cpuNanos();
        double serverCores = server == null ? 0 : server.coresUsed();
        return new EchoLoadResult(
                selection.backend().label(), config.connections(), openAtStart, openAtEnd,
                config.messageBytes(), config.ratePerSecond(), self.wallNanos(), messages,
                messages / seconds,
                micros(window, 50), micros(window, 90), micros(window, 99), micros(window, 99.9),
                window.getMaxValue() / 1e3, messages == 0 ? 0 : window.getMean() / 1e3,
                stats.connectErrors.sum(), stats.ioErrors.sum(), stats.sent.sum(), stats.completed.sum(),
                stats.bytesReceived.sum(), self.cpuNanos(), self.coresUsed(),
                config.watchPids().isEmpty() ? 0 : config.watchPids().get(0), serverCpu, messages == 0 ? 0 : (double) serverCpu / messages, serverRss,
                machineCores, Math.max(0, machineCores - self.coresUsed() - serverCores));
    }

    private static double micros(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1e3;
    }
}
