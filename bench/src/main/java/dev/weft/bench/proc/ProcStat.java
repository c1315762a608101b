package dev.weft.bench.proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's CPU time and thread count from {@code /proc/<pid>/stat} (proc(5)).
 *
 * <p>The line is {@code pid (comm) state ppid ...}; {@code comm} is the thread name as the
 * process set it and may hold spaces and parentheses, so fields are counted from the last
 * {@code ')'}. CPU times are whole clock ticks ({@link ClockTicks}, 10 ms at 100 Hz): a
 * reading is only as fine as that, so measure spans long enough to cover many ticks.
 *
 * @param pid the process read
 * @param utimeTicks user-mode CPU time of all its threads, dead ones included (field 14)
 * @param stimeTicks kernel-mode CPU time, likewise (field 15)
 * @param threads threads alive when read (field 20)
 */
public record ProcStat(long pid, long utimeTicks, long stimeTicks, int threads) {

    /** Field numbers as proc(5) counts them, from 1; field 3 is the first after {@code ')'}. */
    private static final int FIRST_FIELD_AFTER_COMM = 3;
    private static final int UTIME_FIELD = 14;
    private static final int STIME_FIELD = 15;
    private static final int NUM_THREADS_FIELD = 20;

    /** Reads the process now; fails if it has exited. */
    public static ProcStat read(long pid) {
        Path path = Path.of("/proc", Long.toString(pid), "stat");
        try {
            return parse(pid, Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " (has the process exited?)", e);
        }
    }

    /** Parses one {@code stat} line of process {@code pid}. */
    public static ProcStat parse(long pid, String line) {
        int commEnd = line.lastIndexOf(')');
        if (commEnd < 0) {
            throw new IllegalArgumentException("no ')' closing comm in stat line: " + line);
        }
        String[] fields = line.substring(commEnd + 1).trim().split("\\s+");
        if (fields.length < NUM_THREADS_FIELD - FIRST_FIELD_AFTER_COMM + 1) {
            throw new IllegalArgumentException("stat line has " + fields.length
                    + " fields after comm, need " + (NUM_THREADS_FIELD - FIRST_FIELD_AFTER_COMM + 1) + ": " + line);
        }
        return new ProcStat(
                pid,
                Long.parseLong(fields[UTIME_FIELD - FIRST_FIELD_AFTER_COMM]),
                Long.parseLong(fields[STIME_FIELD - FIRST_FIELD_AFTER_COMM]),
                Integer.parseInt(fields[NUM_THREADS_FIELD - FIRST_FIELD_AFTER_COMM]));
    }

    public long cpuTicks() {
        return utimeTicks + stimeTicks;
    }

    public long utimeNanos() {
        return ClockTicks.toNanos(utimeTicks);
    }

    public long stimeNanos() {
        return ClockTicks.toNanos(stimeTicks);
    }

    /** User plus kernel CPU time in nanoseconds, at tick resolution. */
    public long cpuNanos() {
        return ClockTicks.toNanos(cpuTicks());
    }
}
