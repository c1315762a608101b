package dev.weft.bench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Hardware counters ({@code cycles}, {@code instructions}, {@code cache-misses}) of server
 * processes over a window, through {@code perf stat -p <pid> -x,}. Many VMs expose no PMU
 * ({@code <not supported>}), and {@code kernel.perf_event_paranoid} may forbid attaching; then
 * {@link #probe()} says why and the report carries that note instead of counters.
 */
final class PerfStat {

    static final List<String> EVENTS = List.of("cycles", "instructions", "cache-misses");

    private final List<Process> processes;
    private final List<Path> outputs;

    private PerfStat(List<Process> processes, List<Path> outputs) {
        this.processes = processes;
        this.outputs = outputs;
    }

    /** Null when counters can be read here, else why not (for the report). */
    static String probe() {
        try {
            Process p = new ProcessBuilder("perf", "stat", "-x,", "-e", String.join(",", EVENTS), "--", "true")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "perf stat did not finish in 20 s";
            }
            if (out.contains("<not supported>")) {
                return "perf is installed but this machine exposes no hardware counters (perf stat: <not supported>; "
                        + "a VM without a virtual PMU)";
            }
            if (p.exitValue() != 0) {
                return "perf stat failed (status " + p.exitValue() + "): " + out.lines().findFirst().orElse("")
                        + " (see kernel.perf_event_paranoid)";
            }
            return null;
        } catch (IOException e) {
            return "perf not installed (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while probing perf";
        }
    }

    /** Starts counting each of {@code pids} for {@code seconds}, output files in {@code dir}. */
    static PerfStat start(List<Long> pids, double seconds, Path dir, String tag) throws IOException {
        List<Process> ps = new ArrayList<>();
        List<Path> outs = new ArrayList<>();
        for (long pid : pids) {
            Path out = dir.resolve(tag + "-perf-" + pid + ".csv");
            ps.add(new ProcessBuilder("perf", "stat", "-x,", "-e", String.join(",", EVENTS), "-p", Long.toString(pid),
                    "-o", out.toString(), "--", "sleep", String.format(java.util.Locale.ROOT, "%.3f", seconds))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            outs.add(out);
        }
        return new PerfStat(ps, outs);
    }

    /** Waits for the counts; per event, summed over the processes (events perf could not count are left out). */
    Map<String, Long> finish() throws InterruptedException, IOException {
        Map<String, Long> sum = new LinkedHashMap<>();
        for (int i = 0; i < processes.size(); i++) {
            if (!processes.get(i).waitFor(30, TimeUnit.SECONDS)) {
                processes.get(i).destroyForcibly();
                continue;
            }
            for (String line : Files.readAllLines(outputs.get(i))) {
                String[] f = line.split(",");
                if (f.length >= 3 && EVENTS.contains(f[2]) && f[0].matches("\\d+")) {
                    sum.merge(f[2], Long.parseLong(f[0]), Long::sum);
                }
            }
        }
        return sum;
    }
}
