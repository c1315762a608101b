package dev.weft.bench.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One server at one message size over all rounds: medians of the successful runs, and its
 * ratios to the best Netty transport at that size (the Netty server with the lowest median CPU
 * per message).
 *
 * @param server the server's name
 * @param messageBytes bytes per message
 * @param runs successful runs
 * @param failedRuns runs that failed
 * @param messagesPerSecond median throughput
 * @param serverCpuNanosPerMessage median server CPU (user + system) per round trip
 * @param p50Micros median of the runs' median round trips
 * @param p99Micros median of the runs' 99th percentiles
 * @param serverRssBytes median resident memory at the end of the window
 * @param generatorCoresUsed median generator CPU, in cores
 * @param otherCoresBusy median CPU, in cores, that neither the server nor the generator used
 *     (other processes, interrupts): the noise the runs suffered
 * @param errors connect and I/O errors summed over the runs
 * @param bestNetty the Netty server compared with, or null when none ran
 * @param cpuVsBestNetty this server's CPU per message over the best Netty's (below 1 is better), or NaN
 * @param throughputVsBestNetty messages/s over the best Netty's, or NaN
 */
record ServerSummary(String server, int messageBytes, int runs, int failedRuns, double messagesPerSecond,
                     double serverCpuNanosPerMessage, double p50Micros, double p99Micros, double serverRssBytes,
                     double generatorCoresUsed, double otherCoresBusy, long errors, String bestNetty, double cpuVsBestNetty,
                     double throughputVsBestNetty) {

    /** Summaries of every (server, size) in {@code records}, in the order given, with ratios filled in. */
    static List<ServerSummary> of(List<String> servers, List<Integer> sizes, List<RunRecord> records) {
        List<ServerSummary> out = new ArrayList<>();
        for (int size : sizes) {
            List<ServerSummary> atSize = new ArrayList<>();
            for (String server : servers) {
                List<RunRecord> mine = records.stream()
                        .filter(r -> r.server().equals(server) && r.messageBytes() == size).toList();
                atSize.add(summarise(server, size, mine));
            }
            ServerSummary best = atSize.stream()
                    .filter(s -> s.server.startsWith("netty-") && s.runs > 0)
                    .min((a, b) -> Double.compare(a.serverCpuNanosPerMessage, b.serverCpuNanosPerMessage))
                    .orElse(null);
            for (ServerSummary s : atSize) {
                out.add(best == null ? s : s.comparedWith(best));
            }
        }
        return out;
    }

    private static ServerSummary summarise(String server, int size, List<RunRecord> records) {
        List<RunRecord> ok = records.stream().filter(RunRecord::isOk).toList();
        long errors = ok.stream().mapToLong(r -> r.result().connectErrors() + r.result().ioErrors()).sum();
        return new ServerSummary(server, size, ok.size(), records.size() - ok.size(),
                median(ok, r -> r.result().messagesPerSecond()),
                median(ok, r -> r.result().serverCpuNanosPerMessage()),
                median(ok, r -> r.result().p50Micros()),
                median(ok, r -> r.result().p99Micros()),
                median(ok, r -> r.result().serverRssBytes()),
                median(ok, r -> r.result().generatorCoresUsed()),
                median(ok, r -> r.result().otherCoresBusy()),
                errors, null, Double.NaN, Double.NaN);
    }

    private ServerSummary comparedWith(ServerSummary best) {
        return new ServerSummary(server, messageBytes, runs, failedRuns, messagesPerSecond, serverCpuNanosPerMessage,
                p50Micros, p99Micros, serverRssBytes, generatorCoresUsed, otherCoresBusy, errors, best.server,
                runs == 0 ? Double.NaN : serverCpuNanosPerMessage / best.serverCpuNanosPerMessage,
                runs == 0 ? Double.NaN : messagesPerSecond / best.messagesPerSecond);
    }

    /** The median of an odd count, the mean of the middle two of an even one; NaN when empty. */
    static double median(List<RunRecord> runs, ToDoubleFunction<RunRecord> value) {
        double[] v = runs.stream().mapToDouble(value).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }
}
