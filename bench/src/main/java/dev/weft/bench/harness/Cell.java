package dev.weft.bench.harness;

import java.util.Map;

/**
 * One measured cell of the table: a scenario run against one server kind at one connection
 * count, over P server and G generator processes. Failed cells carry the error and NaNs.
 */
sealed interface Cell permits Cell.Echo, Cell.Connect, Cell.Idle {

    String scenario();

    String server();

    int connections();

    int serverProcesses();

    int generators();

    /** Why the cell failed, or null. */
    String error();

    default boolean isOk() {
        return error() == null;
    }

    /**
     * Echo: messages summed over the generators; server CPU summed over the server processes,
     * per message. With several generators, p50 is the message-weighted mean of theirs and the
     * higher percentiles the worst generator's (histograms are not merged across processes).
     *
     * @param perf hardware counters summed over the server processes, empty when unavailable
     */
    record Echo(String server, int connections, int serverProcesses, int generators, String error,
                int messageBytes, int openAtStart, double messagesPerSecond, double serverCpuNanosPerMessage,
                double p50Micros, double p90Micros, double p99Micros, double p999Micros, long serverRssBytes,
                double serverCores, double generatorCores, double otherCores, long errors, Map<String, Long> perf)
            implements Cell {
        @Override
        public String scenario() {
            return "echo";
        }
    }

    /** Connect: connections opened (and closed at once) per second, and server CPU per connection. */
    record Connect(String server, int connections, int serverProcesses, int generators, String error,
                   double connectsPerSecond, double serverCpuNanosPerConnect, double p50Micros, double p99Micros,
                   long connectErrors, double generatorCores) implements Cell {
        @Override
        public String scenario() {
            return "connect";
        }
    }

    /**
     * Idle: N connections held open without traffic; the servers' resident memory and live heap
     * (after a full GC) before and after, summed over the server processes, per open connection.
     */
    record Idle(String server, int connections, int serverProcesses, int generators, String error, int open,
                long rssBeforeBytes, long rssAfterBytes, long heapBeforeBytes, long heapAfterBytes,
                double rssBytesPerConnection, double heapBytesPerConnection, long connectErrors) implements Cell {
        @Override
        public String scenario() {
            return "idle";
        }
    }
}
