package dev.weft.bench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A server JVM's live heap, from {@code jcmd <pid> GC.class_histogram}: the command runs a full
 * collection first, so its {@code Total} line counts only reachable objects. The difference
 * between two readings over N idle connections is the heap each connection keeps.
 */
final class HeapHistogram {

    private HeapHistogram() {}

    /** Live heap bytes of {@code pid}. */
    static long liveBytes(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("jcmd " + pid + " GC.class_histogram did not finish in 60 s");
        }
        return parseTotal(out, pid);
    }

    /** The bytes of the histogram's {@code Total <instances> <bytes>} line. */
    static long parseTotal(String histogram, long pid) throws IOException {
        for (String line : histogram.split("\n")) {
            String t = line.trim();
            if (t.startsWith("Total")) {
                String[] f = t.split("\\s+");
                return Long.parseLong(f[f.length - 1]);
            }
        }
        throw new IOException("jcmd " + pid + " GC.class_histogram printed no Total line: "
                + histogram.substring(0, Math.min(300, histogram.length())));
    }
}
