/**
 * The servers Weft's servers are compared with: what a user would otherwise write, in the
 * idiom of its library (Netty 4.2) or of the JDK alone (virtual threads).
 *
 * <p>Every server is a {@code main} with the same options ({@link dev.weft.bench.peers.PeerOptions}),
 * prints one {@code LISTENING <port> <transport>} line on stdout when it accepts connections,
 * and closes gracefully on SIGTERM, so {@link dev.weft.bench.proc.ServerProcess} can run any
 * of them in its own JVM and read its CPU time from {@code /proc}.
 */
package dev.weft.bench.peers;
