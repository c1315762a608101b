package dev.weft.bench.harness;

import dev.weft.bench.loadgen.MachineCpu;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Waits, before a run, until the machine is nearly idle: on a machine shared with other work
 * a run during someone's build measures the build. Samples the machine's busy cores
 * ({@code /proc/stat}) over {@code sample} until one reading is at most {@code maxBusyCores},
 * giving up after {@code patience} (the run then goes ahead, and its {@code otherCoresBusy}
 * tells the reader).
 *
 * @param maxBusyCores busy cores counted as quiet
 * @param sample length of one reading
 * @param patience longest wait before running anyway
 */
record QuietGate(double maxBusyCores, Duration sample, Duration patience) {

    /** Returns the last reading's busy cores; waits at most {@code patience} plus one sample. */
    double await(PrintStream log) throws InterruptedException {
        long giveUpAt = System.nanoTime() + patience.toNanos();
        boolean said = false;
        while (true) {
            MachineCpu before = MachineCpu.read();
            Thread.sleep(sample);
            double busy = MachineCpu.read().coresBusySince(before);
            if (busy <= maxBusyCores) {
                return busy;
            }
            if (System.nanoTime() - giveUpAt >= 0) {
                log.printf(Locale.ROOT, "machine still busy (%.2f cores) after %s; running anyway%n", busy, patience);
                return busy;
            }
            if (!said) {
                log.printf(Locale.ROOT, "machine busy (%.2f cores > %.2f); waiting up to %s for quiet%n",
                        busy, maxBusyCores, patience);
                said = true;
            }
        }
    }
}
