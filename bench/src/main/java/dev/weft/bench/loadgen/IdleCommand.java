package dev.weft.bench.loadgen;

import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code loadgen idle}: opens N connections and holds them ({@link IdleLoad}). Once they are
 * open it prints {@code HOLDING <open>} on stdout; it lets them go when its stdin ends (the
 * harness closes it after measuring the server) or after {@code --hold}.
 */
@Command(name = "idle", mixinStandardHelpOptions = true,
        description = "Opens N connections and holds them idle; prints HOLDING <open> once they are open.")
final class IdleCommand implements Callable<Integer> {

    /** Prefix of the stdout line saying every connection is open. */
    static final String HOLDING_PREFIX = "HOLDING ";

    @Mixin
    CommonOptions common;
    @Option(names = "--conns", description = "connections (default ${DEFAULT-VALUE})")
    int connections = 1000;
    @Option(names = "--ramp", description = "time over which connections open (default ${DEFAULT-VALUE})")
    Duration ramp = Duration.ofSeconds(1);
    @Option(names = "--hold", description = "longest time to hold them (default ${DEFAULT-VALUE})")
    Duration hold = Duration.ofSeconds(60);

    @Override
    public Integer call() throws Exception {
        if (connections < 1) {
            throw new IllegalArgumentException("--conns must be at least 1; was " + connections);
        }
        OpenFilesBudget.require(connections, "the load generator", "the harness's --generators");
        AtomicBoolean released = new AtomicBoolean();
        Thread.ofPlatform().daemon().name("idle-stdin").start(() -> awaitEnd(System.in, released));
        IdleLoadResult r = IdleLoad.run(common.target(), connections, common.sources(connections), ramp, hold,
                common.io, common.threads, System.err, open -> {
                    System.out.println(HOLDING_PREFIX + open);
                    System.out.flush();
                }, released::get);
        System.err.printf("idle: %d of %d open, %d connect errors%s%n", r.open(), r.connections(), r.connectErrors(),
                r.firstError() == null ? "" : " (first: " + r.firstError() + ")");
        System.out.println(LoadGenerator.RESULT_PREFIX + new ObjectMapper().writeValueAsString(r));
        System.out.flush();
        return 0;
    }

    private static void awaitEnd(InputStream in, AtomicBoolean released) {
        try {
            while (in.read() >= 0) {
                // Anything written is ignored; only the end matters.
            }
        } catch (IOException e) {
            // A broken stdin ends the hold as its end would.
        }
        released.set(true);
    }
}
