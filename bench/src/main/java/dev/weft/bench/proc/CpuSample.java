package dev.weft.bench.proc;

/**
 * One reading of a process's CPU time and the wall clock; two of them make a {@link Span}.
 *
 * <pre>{@code
 * CpuSample before = CpuSample.take(server.pid());
 * ... send n messages ...
 * CpuSample.Span span = CpuSample.take(server.pid()).since(before);
 * double nsPerMessage = span.cpuNanosPerMessage(n);
 * }</pre>
 *
 * @param pid the process read
 * @param userNanos user-mode CPU time so far, at tick resolution
 * @param systemNanos kernel-mode CPU time so far, at tick resolution
 * @param wallNanos {@link System#nanoTime()} when read
 */
public record CpuSample(long pid, long userNanos, long systemNanos, long wallNanos) {

    public static CpuSample take(long pid) {
        ProcStat stat = ProcStat.read(pid);
        return new CpuSample(pid, stat.utimeNanos(), stat.stimeNanos(), System.nanoTime());
    }

    public long cpuNanos() {
        return userNanos + systemNanos;
    }

    /** What happened between {@code before} and this sample. */
    public Span since(CpuSample before) {
        if (before.pid != pid) {
            throw new IllegalArgumentException("samples of different processes: " + before.pid + " and " + pid);
        }
        if (before.wallNanos > wallNanos) {
            throw new IllegalArgumentException("'before' was taken after this sample");
        }
        return new Span(userNanos - before.userNanos, systemNanos - before.systemNanos, wallNanos - before.wallNanos);
    }

    /**
     * CPU used over a stretch of wall time.
     *
     * @param userNanos user-mode CPU used
     * @param systemNanos kernel-mode CPU used
     * @param wallNanos wall time elapsed
     */
    public record Span(long userNanos, long systemNanos, long wallNanos) {

        public long cpuNanos() {
            return userNanos + systemNanos;
        }

        /** CPU nanoseconds per message; the figure the comparison reports. */
        public double cpuNanosPerMessage(long messages) {
            if (messages <= 0) {
                throw new IllegalArgumentException("messages must be positive; was " + messages);
            }
            return (double) cpuNanos() / messages;
        }

        /** Cores kept busy on average: 1.0 is one core for the whole span. */
        public double coresUsed() {
            return wallNanos == 0 ? 0 : (double) cpuNanos() / wallNanos;
        }
    }
}
