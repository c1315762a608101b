package dev.weft.bench.proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's memory from {@code /proc/<pid>/status} (proc(5)), converted from the file's
 * kB (KiB) to bytes.
 *
 * @param vmRssBytes resident set size now ({@code VmRSS})
 * @param vmHwmBytes peak resident set size so far ({@code VmHWM})
 */
public record ProcStatus(long vmRssBytes, long vmHwmBytes) {

    /** Reads the process now; fails if it has exited. */
    public static ProcStatus read(long pid) {
        Path path = Path.of("/proc", Long.toString(pid), "status");
        try {
            return parse(Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " (has the process exited?)", e);
        }
    }

    /** Parses the whole text of a {@code status} file. */
    public static ProcStatus parse(String status) {
        long rss = -1;
        long hwm = -1;
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                rss = kibToBytes(line);
            } else if (line.startsWith("VmHWM:")) {
                hwm = kibToBytes(line);
            }
        }
        if (rss < 0 || hwm < 0) {
            // Kernel threads and zombies have no Vm* lines.
            throw new IllegalArgumentException("status has no VmRSS/VmHWM lines (kernel thread or zombie?)");
        }
        return new ProcStatus(rss, hwm);
    }

    /** {@code "VmRSS:\t   12345 kB"} to bytes. */
    private static long kibToBytes(String line) {
        String[] parts = line.substring(line.indexOf(':') + 1).trim().split("\\s+");
        if (parts.length != 2 || !parts[1].equals("kB")) {
            throw new IllegalArgumentException("expected '<n> kB' in status line: " + line);
        }
        return Math.multiplyExact(Long.parseLong(parts[0]), 1024L);
    }
}
