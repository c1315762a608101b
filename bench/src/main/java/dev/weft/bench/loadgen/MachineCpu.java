package dev.weft.bench.loadgen;

import dev.weft.bench.proc.ClockTicks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's CPU time from the {@code cpu} line of {@code /proc/stat} (proc(5)), so a
 * run can tell how much of the machine processes other than the server and the generator took:
 * a benchmark on a shared machine is only as good as that figure is small.
 *
 * @param busyTicks user, nice, system, irq, softirq and steal time over all CPUs, in clock ticks
 * @param wallNanos {@link System#nanoTime()} when read
 */
public record MachineCpu(long busyTicks, long wallNanos) {

    private static final Path STAT = Path.of("/proc/stat");

    public static MachineCpu read() {
        try {
            for (String line : Files.readAllLines(STAT)) {
                if (line.startsWith("cpu ")) {
                    return new MachineCpu(parseBusyTicks(line), System.nanoTime());
                }
            }
            throw new IllegalStateException("no aggregate 'cpu' line in " + STAT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + STAT, e);
        }
    }

    /** {@code cpu  user nice system idle iowait irq softirq steal guest guest_nice}: all but idle and iowait. */
    static long parseBusyTicks(String line) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 9) {
            throw new IllegalArgumentException("need 8 numbers after 'cpu': " + line);
        }
        long busy = 0;
        for (int i = 1; i <= 8; i++) {
            if (i != 4 && i != 5) {   // idle, iowait
                busy += Long.parseLong(f[i]);
            }
        }
        // guest and guest_nice are already inside user and nice.
        return busy;
    }

    /** Cores kept busy on average between {@code before} and this reading. */
    public double coresBusySince(MachineCpu before) {
        long wall = wallNanos - before.wallNanos;
        return wall <= 0 ? 0 : (double) ClockTicks.toNanos(busyTicks - before.busyTicks) / wall;
    }
}
