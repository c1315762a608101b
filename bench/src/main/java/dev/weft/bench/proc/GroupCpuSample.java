package dev.weft.bench.proc;

import java.util.ArrayList;
import java.util.List;

/**
 * One reading of several processes' CPU times (the server processes sharing a port), summed
 * into one {@link CpuSample.Span} between two readings. The wall time is the first process's.
 *
 * @param samples one per process, in the order given
 */
public record GroupCpuSample(List<CpuSample> samples) {

    public GroupCpuSample {
        samples = List.copyOf(samples);
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no process to sample");
        }
    }

    public static GroupCpuSample take(List<Long> pids) {
        List<CpuSample> s = new ArrayList<>(pids.size());
        for (long pid : pids) {
            s.add(CpuSample.take(pid));
        }
        return new GroupCpuSample(s);
    }

    /** The summed CPU between {@code before} and this reading, over the first process's wall time. */
    public CpuSample.Span since(GroupCpuSample before) {
        if (before.samples.size() != samples.size()) {
            throw new IllegalArgumentException("readings of different groups: " + before.samples.size()
                    + " and " + samples.size() + " processes");
        }
        long user = 0;
        long system = 0;
        for (int i = 0; i < samples.size(); i++) {
            CpuSample.Span one = samples.get(i).since(before.samples.get(i));
            user += one.userNanos();
            system += one.systemNanos();
        }
        return new CpuSample.Span(user, system, samples.get(0).wallNanos() - before.samples.get(0).wallNanos());
    }

    /** The processes' resident memory now, summed. */
    public static long rssBytes(List<Long> pids) {
        long sum = 0;
        for (long pid : pids) {
            sum += ProcStatus.read(pid).vmRssBytes();
        }
        return sum;
    }
}
