package dev.weft.bench.loadgen;

import dev.weft.io.TcpOptions;
import dev.weft.io.TcpStream;
import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;
import dev.weft.runtime.time.Sleep;
import dev.weft.runtime.time.Time;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/**
 * One connection of the {@code idle} scenario: waits for its ramp slot, connects, then holds
 * the connection without sending or reading until aborted (the cleanup closes it). It never
 * asks to be woken once connected, so an idle connection costs the generator no CPU.
 */
final class IdleClient implements Future<Void> {

    private final InetSocketAddress target;
    private final TcpOptions options;
    private final LoadStats stats;
    /** Everything below: only the connection's task. */
    private Sleep slot;
    private Future<TcpStream> connecting;
    private TcpStream stream;
    private boolean started;

    IdleClient(InetSocketAddress target, TcpOptions options, long slotNanos, LoadStats stats) {
        this.target = target;
        this.options = options;
        this.stats = stats;
        this.slot = Time.sleepUntil(slotNanos);
    }

    @Override
    public Poll<Void> poll(Context cx) {
        if (!started) {
            started = true;
            cx.registerCleanup(this::cleanUp);
        }
        if (stream != null) {
            return Poll.pending();   // held; only an abort ends it
        }
        if (slot != null) {
            if (slot.poll(cx) instanceof Poll.Pending) {
                return Poll.pending();
            }
            slot.close();
            slot = null;
            connecting = TcpStream.connect(target, options);
        }
        Poll<TcpStream> p;
        try {
            p = connecting.poll(cx);
        } catch (UncheckedIOException e) {
            stats.connectErrors.increment();
            stats.noteError(e);
            return Poll.readyVoid();
        }
        if (!(p instanceof Poll.Ready<TcpStream> r)) {
            return Poll.pending();
        }
        connecting = null;
        stream = r.value();
        stats.open.incrementAndGet();
        stats.connected.increment();
        return Poll.pending();
    }

    private void cleanUp() {
        if (slot != null) {
            slot.close();
            slot = null;
        }
        if (stream != null) {
            stream.close();
            stream = null;
            stats.open.decrementAndGet();
        }
    }
}
