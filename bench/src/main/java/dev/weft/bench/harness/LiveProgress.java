package dev.weft.bench.harness;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One progress line for a cell, summed over its generators: connections open, rate, errors,
 * from each generator's latest progress line ({@code [  1.0s] warm-up conns 1000  msgs/s
 * 123,456  errors 0}). On a terminal it rewrites itself in place; otherwise it prints a line
 * every {@link #EVERY_NANOS}.
 */
final class LiveProgress implements AutoCloseable {

    private static final Pattern LINE = Pattern.compile(
            "\\[\\s*([0-9.]+)s] (\\S+)\\s+conns (\\d+)\\s+(\\S+) ([0-9,]+)\\s+errors (\\d+)");
    private static final long EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final PrintStream out;
    private final String label;
    private final boolean inPlace;
    /** Per generator: written by its stderr thread, read by the printer; guarded by {@code this}. */
    private final long[] open;
    private final double[] rate;
    private final long[] errors;
    private final String[] phase;
    private String rateName = "msgs/s";
    private final Thread printer;
    private volatile boolean closed;

    LiveProgress(PrintStream out, String label, int generators) {
        this.out = out;
        this.label = label;
        this.inPlace = System.console() != null;
        this.open = new long[generators];
        this.rate = new double[generators];
        this.errors = new long[generators];
        this.phase = new String[generators];
        Arrays.fill(phase, "start");
        this.printer = Thread.ofPlatform().daemon().name("live-progress").start(this::printLoop);
    }

    /** Takes generator {@code i}'s stderr line; lines that are not progress are ignored. */
    synchronized void update(int i, String line) {
        Matcher m = LINE.matcher(line);
        if (!m.find()) {
            return;
        }
        phase[i] = m.group(2);
        open[i] = Long.parseLong(m.group(3));
        rateName = m.group(4);
        rate[i] = Double.parseDouble(m.group(5).replace(",", ""));
        errors[i] = Long.parseLong(m.group(6));
    }

    /** Whether every generator's latest line is in {@code phase} (e.g. {@code measure}). */
    synchronized boolean allIn(String wanted) {
        return Arrays.stream(phase).allMatch(wanted::equals);
    }

    /** The summed line, e.g. {@code echo weft-io_uring 10,000: measure  conns 10,000  msgs/s 120,000  errors 0}. */
    synchronized String line() {
        return String.format(Locale.ROOT, "%s: %-7s conns %,d  %s %,.0f  errors %,d", label, phase[0],
                Arrays.stream(open).sum(), rateName, Arrays.stream(rate).sum(), Arrays.stream(errors).sum());
    }

    private void printLoop() {
        while (!closed) {
            try {
                Thread.sleep(TimeUnit.NANOSECONDS.toMillis(EVERY_NANOS));
            } catch (InterruptedException e) {
                return;
            }
            if (!closed) {
                out.print(inPlace ? "\r" + line() + "   " : line() + System.lineSeparator());
                out.flush();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        printer.interrupt();
        if (inPlace) {
            out.println();
        }
    }
}
