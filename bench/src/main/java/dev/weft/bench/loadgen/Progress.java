package dev.weft.bench.loadgen;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The coordinator's clock: waits for deadlines and prints a line every second meanwhile,
 * {@code [  1.0s] warm-up conns 1000  msgs/s 123,456  errors 0}, whose shape the harness's
 * live progress line parses.
 */
final class Progress {

    private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How often the message cap is checked. */
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final PrintStream out;
    private final LoadStats stats;
    private final long start;
    private final String rateName;
    /** Coordinator thread only, like every field here. */
    String phase = "warm-up";
    private long nextPrint;
    private long lastCompleted;
    private long lastPrintNanos;

    Progress(PrintStream out, LoadStats stats, long start, String rateName) {
        this.rateName = rateName;
        this.out = out;
        this.stats = stats;
        this.start = start;
        this.nextPrint = start + PROGRESS_EVERY_NANOS;
        this.lastPrintNanos = start;
    }

    /** Until {@code deadline}, or until {@code cap} round trips completed after {@code base}. */
    void waitUntil(long deadline, long cap, long base) {
        while (true) {
            long now = System.nanoTime();
            if (now - deadline >= 0 || stats.completed.sum() - base >= cap) {
                return;
            }
            if (now - nextPrint >= 0) {
                print(phase);
                nextPrint += PROGRESS_EVERY_NANOS;
            }
            long wake = Math.min(Math.min(deadline, nextPrint), now + TICK_NANOS);
            LockSupport.parkNanos(wake - now);
        }
    }

    void print(String label) {
        long now = System.nanoTime();
        long completed = stats.completed.sum();
        double rate = (completed - lastCompleted) / Math.max(1e-9, (now - lastPrintNanos) / 1e9);
        lastCompleted = completed;
        lastPrintNanos = now;
        out.printf(Locale.ROOT, "[%5.1fs] %-7s conns %d  %s %,.0f  errors %d%n",
                (now - start) / 1e9, label, stats.open.get(), rateName, rate, stats.errors());
    }
}
