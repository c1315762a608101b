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
 * <p>Limits: connections are spread over source addresses 127.0.0.1..127.0.0.N
 * ({@link dev.weft.bench.loadgen.SourceAddresses}, bound before connect), since one address
 * has ~28,000 ephemeral ports towards one server port; a process holds at most its open-file
 * limit in sockets ({@link dev.weft.bench.loadgen.OpenFilesBudget}), so beyond that the
 * harness runs several generator processes.
 */
package dev.weft.bench.loadgen;
