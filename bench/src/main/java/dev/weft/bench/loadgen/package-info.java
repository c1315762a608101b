/**
 * A load generator running on Weft itself: its connections are tasks on a Weft runtime whose
 * workers drive io_uring (by default), epoll or NIO. {@link dev.weft.bench.loadgen.EchoLoad}
 * runs the raw TCP {@code echo} scenario in-process; {@link dev.weft.bench.loadgen.LoadGenerator}
 * is its command line, for a process of its own.
 *
 * <p>Every connection is a hand-written state machine ({@link dev.weft.bench.loadgen.EchoClient})
 * that reuses one message buffer, so a closed-loop message costs the generator no allocation;
 * latencies go to an HdrHistogram {@code Recorder}, whose writers are wait-free.
 *
 * <p>Limit: every connection comes from 127.0.0.1, so one process opens at most
 * {@link dev.weft.bench.loadgen.EchoLoadConfig#MAX_CONNECTIONS} (ephemeral ports and the
 * open-file limit); more would need binding each socket to another 127.0.0.x before connecting.
 */
package dev.weft.bench.loadgen;
