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
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code connect} scenario: {@code connectors} tasks each connect and close at once, again
 * and again; after a warm-up, the window counts completed connects (connections per second)
 * and the servers' CPU per connect. The client closes first, so its side holds the
 * TIME_WAIT; Linux reuses those ports on loopback ({@code net.ipv4.tcp_tw_reuse} 2, the
 * default), and the source addresses spread them further.
 */
public final class ConnectLoad {

    /** Closing tens of thousands of connections on a loaded machine takes seconds; the result is taken before. */
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private ConnectLoad() {}

    public static ConnectLoadResult run(InetSocketAddress target, int connectors, SourceAddresses sources,
                                        Duration warmup, Duration duration, String io, int workers,
                                        List<Long> serverPids, PrintStream progress) {
        IoSelection selection = IoDrivers.select(io);
        LoadStats stats = new LoadStats();
        ClockTicks.perSecond();
        try (BufferPool pool = new BufferPool();
             Runtime rt = Runtime.builder().workers(workers).threadName("loadgen")
                     .drivers(IoDrivers.factory(selection.backend(), IoConfig.defaults(pool)))
                     .shutdownTimeout(SHUTDOWN_TIMEOUT).build()) {
            long start = System.nanoTime();
            List<JoinHandle<Void>> tasks = new ArrayList<>(connectors);
            for (int i = 0; i < connectors; i++) {
                TcpOptions options = TcpOptions.defaults().withLocalAddress(sources.address(i));
                tasks.add(rt.spawn(new ConnectClient(target, options, stats)));
            }
            Progress printer = new Progress(progress, stats, start, "conns/s");
            printer.waitUntil(start + warmup.toNanos(), Long.MAX_VALUE, 0);
            stats.latencyNanos.reset();
            MachineCpu machineBefore = MachineCpu.read();
            CpuSample selfBefore = CpuSample.take(ProcessHandle.current().pid());
            GroupCpuSample serverBefore = serverPids.isEmpty() ? null : GroupCpuSample.take(serverPids);
            printer.phase = "measure";
            printer.waitUntil(selfBefore.wallNanos() + duration.toNanos(), Long.MAX_VALUE, 0);
            Histogram window = stats.latencyNanos.getIntervalHistogram();
            CpuSample.Span self = CpuSample.take(ProcessHandle.current().pid()).since(selfBefore);
            double machineCores = MachineCpu.read().coresBusySince(machineBefore);
            CpuSample.Span server = serverBefore == null ? null : GroupCpuSample.take(serverPids).since(serverBefore);
            long rss = serverPids.isEmpty() ? 0 : GroupCpuSample.rssBytes(serverPids);
            printer.print("done");
            for (JoinHandle<Void> t : tasks) {
                t.abort();
            }
            long connects = window.getTotalCount();
            long serverCpu = server == null ? 0 : server.cpuNanos();
            return new ConnectLoadResult(connectors, self.wallNanos(), connects, connects / (self.wallNanos() / 1e9),
                    connects == 0 ? 0 : window.getValueAtPercentile(50) / 1e3,
                    connects == 0 ? 0 : window.getValueAtPercentile(99) / 1e3,
                    stats.connectErrors.sum(), stats.firstError.get(), self.coresUsed(), serverCpu,
                    connects == 0 ? 0 : (double) serverCpu / connects, rss, machineCores);
        }
    }
}
