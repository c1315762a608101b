package dev.weft.bench.loadgen;

import dev.weft.io.TcpOptions;
import dev.weft.io.TcpStream;
import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/**
 * One connector of the {@code connect} scenario: connects, closes at once, and again, until
 * aborted; each completed connect's latency (from the call until connected) is recorded. A
 * refused or failed connect counts as an error and the loop goes on.
 */
final class ConnectClient implements Future<Void> {

    private final InetSocketAddress target;
    private final TcpOptions options;
    private final LoadStats stats;
    /** Everything below: only the connector's task. */
    private Future<TcpStream> connecting;
    private long startedAtNanos;

    ConnectClient(InetSocketAddress target, TcpOptions options, LoadStats stats) {
        this.target = target;
        this.options = options;
        this.stats = stats;
    }

    @Override
    public Poll<Void> poll(Context cx) {
        // Bounded so one connector cannot keep its worker forever when connects complete at once.
        for (int i = 0; i < 64; i++) {
            if (connecting == null) {
                connecting = TcpStream.connect(target, options);
                startedAtNanos = System.nanoTime();
                stats.sent.increment();
            }
            Poll<TcpStream> p;
            try {
                p = connecting.poll(cx);
            } catch (UncheckedIOException e) {
                connecting = null;
                stats.connectErrors.increment();
                stats.noteError(e);
                continue;
            }
            if (!(p instanceof Poll.Ready<TcpStream> r)) {
                return Poll.pending();
            }
            connecting = null;
            stats.recordRoundTrip(System.nanoTime() - startedAtNanos);
            stats.connected.increment();
            r.value().close();
        }
        return cx.yieldNow();
    }
}
