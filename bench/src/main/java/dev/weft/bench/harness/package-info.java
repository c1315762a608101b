/**
 * Comparisons of Weft's servers with the peers in {@link dev.weft.bench.peers}: every server,
 * and the load generator, in a JVM of its own so {@code /proc} tells their CPU time apart;
 * runs interleaved over rounds; medians and ratios to the best Netty transport written as
 * JSON and Markdown.
 */
package dev.weft.bench.harness;
