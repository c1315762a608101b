package dev.weft.bench.loadgen;

import dev.weft.io.IoConfig;
import dev.weft.io.IoDrivers;
import dev.weft.io.IoSelection;
import dev.weft.io.TcpOptions;
import dev.weft.io.buffer.BufferPool;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The {@code idle} scenario: 1. open {@code connections} over the ramp; 2. once every one
 * has connected or failed (or the ramp's time plus a grace has passed), call {@code onHolding}
 * (the command prints {@code HOLDING <open>} for the harness, which then measures the server);
 * 3. hold them until {@code release} says so or {@code hold} has passed; 4. close them all.
 */
public final class IdleLoad {

    /** Closing tens of thousands of connections on a loaded machine takes seconds; the result is taken before. */
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    /** Beyond the ramp, how long connects may take before holding starts anyway. */
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private IdleLoad() {}

    public static IdleLoadResult run(InetSocketAddress target, int connections, SourceAddresses sources, Duration ramp,
                                     Duration hold, String io, int workers, PrintStream progress,
                                     java.util.function.IntConsumer onHolding, BooleanSupplier release) {
        IoSelection selection = IoDrivers.select(io);
        LoadStats stats = new LoadStats();
        try (BufferPool pool = new BufferPool();
             Runtime rt = Runtime.builder().workers(workers).threadName("loadgen")
                     .drivers(IoDrivers.factory(selection.backend(), IoConfig.defaults(pool)))
                     .shutdownTimeout(SHUTDOWN_TIMEOUT).build()) {
            long start = System.nanoTime();
            List<JoinHandle<Void>> tasks = new ArrayList<>(connections);
            long rampNanos = ramp.toNanos();
            for (int i = 0; i < connections; i++) {
                TcpOptions options = TcpOptions.defaults().withLocalAddress(sources.address(i));
                tasks.add(rt.spawn(new IdleClient(target, options, start + rampNanos * i / connections, stats)));
            }
            Progress printer = new Progress(progress, stats, start, "conns/s");
            printer.phase = "ramp";
            long giveUp = start + rampNanos + GRACE_NANOS;
            while (stats.open.get() + stats.connectErrors.sum() < connections && System.nanoTime() - giveUp < 0) {
                printer.waitUntil(Math.min(giveUp, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100)),
                        Long.MAX_VALUE, 0);
            }
            long rampEnd = System.nanoTime();
            int open = stats.open.get();
            printer.print("holding");
            onHolding.accept(open);
            printer.phase = "holding";
            long holdEnd = rampEnd + hold.toNanos();
            while (!release.getAsBoolean() && System.nanoTime() - holdEnd < 0) {
                printer.waitUntil(Math.min(holdEnd, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100)),
                        Long.MAX_VALUE, 0);
            }
            long held = System.nanoTime() - rampEnd;
            for (JoinHandle<Void> t : tasks) {
                t.abort();
            }
            return new IdleLoadResult(connections, open, stats.connectErrors.sum(), stats.firstError.get(),
                    rampEnd - start, held);
        }
    }
}
