package dev.weft.bench.fanout;

/**
 * What one fan-out run measured over its window. Latencies in microseconds: a delivery's is its
 * arrival minus the publication's intended send time; "last" is the same for the last
 * subscriber of each publication (the time a publication takes to reach everyone).
 *
 * @param subscribers subscriber connections
 * @param subsPerConnection channels each subscriber connection joined
 * @param subscribedAtStart subscriber connections whose subscriptions were all confirmed when the window began
 * @param publications publications sent in the window
 * @param deliveries deliveries received in the window
 * @param completed publications that reached their last subscriber in the window
 * @param serverCpuNanosPerDelivery the server's CPU time over the window divided by deliveries
 * @param serverSystemNanosPerDelivery the kernel-mode part of it (system time): sends and
 *     receives done in the kernel, the floor user-space work cannot lower
 * @param generatorCoresUsed near the generator's worker count means it, not the server, set the pace
 * @param excess over the whole run: deliveries no subscriber was owed (a duplicate, or a publication
 *     of a channel the connection did not join); 0 when every delivery arrived exactly once
 * @param lost over the whole run: deliveries owed by publications armed but never completed
 *     at the end (0 when every subscriber got everything)
 */
public record FanoutResult(
        String io, String protocol, int subscribers, int channels, int subsPerConnection, int messageBytes, long ratePerSecond,
        int subscribedAtStart, int openAtEnd, long windowNanos,
        long publications, long deliveries, long completed, double deliveriesPerSecond,
        double p50Micros, double p99Micros, double p999Micros, double maxMicros,
        double lastP50Micros, double lastP99Micros, double lastMaxMicros,
        long connectErrors, long closedEarly, long replyErrors, long unattributed, long excess, long lost,
        long generatorCpuNanos, double generatorCoresUsed,
        long serverPid, long serverCpuNanos, double serverCpuNanosPerDelivery, double serverSystemNanosPerDelivery,
        double serverCoresUsed,
        long serverRssBytes, double machineCoresBusy) {
}
