package dev.weft.io;

import dev.weft.io.buffer.Buffer;
import dev.weft.io.transport.StreamTransport;
import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/**
 * A connected TCP socket. Reads hand out pooled buffers the caller owns; writes gather several
 * buffers into one syscall (or one io_uring send) without copying them.
 *
 * <p>The {@code poll*} methods are for hand-written futures and allocate nothing per call;
 * {@link #read()}, {@link #writeAll} and {@link #connect} wrap them as futures.
 *
 * <p>Thread roles: one task reads and one task writes at a time (the same task may do both,
 * and tasks may move between workers); close from any thread, but not while another thread is
 * inside a read or write of this stream.
 */
public final class TcpStream implements AutoCloseable {
    private final StreamTransport transport;
    /** Writer only: the one-element array single-buffer writes pass, so they allocate nothing. */
    private final Buffer[] single = new Buffer[1];

    TcpStream(StreamTransport transport) {
        this.transport = transport;
    }

    /** Connects with {@link TcpOptions#defaults()} from the polling worker's driver. */
    public static Future<TcpStream> connect(InetSocketAddress address) {
        return connect(address, TcpOptions.defaults());
    }

    /**
     * Connects when polled. Fails the task with an {@link UncheckedIOException} whose cause is a
     * {@link java.net.ConnectException} when refused.
     */
    public static Future<TcpStream> connect(InetSocketAddress address, TcpOptions options) {
        return new Future<>() {
            private StreamTransport pending;

            @Override
            public Poll<TcpStream> poll(Context cx) {
                try {
                    if (pending == null) {
                        pending = IoDriver.current(cx).connect(address, options);
                    }
                    if (pending.pollConnect(cx) instanceof Poll.Ready<Void>) {
                        return Poll.ready(new TcpStream(pending));
                    }
                    return Poll.pending();
                } catch (IOException e) {
                    if (pending != null) {
                        pending.close();
                    }
                    throw new UncheckedIOException("connect " + address, e);
                }
            }
        };
    }

    /**
     * The next received bytes in a pooled buffer the caller must release, or {@code Ready(null)}
     * at end of stream. Allocates the Ready; {@link #tryRead} does not.
     */
    public Poll<Buffer> pollRead(Context cx) throws IOException {
        return transport.pollRead(cx);
    }

    /**
     * The next received bytes in a pooled buffer the caller must release; null when nothing has
     * arrived yet (the task will be woken) or at end of stream ({@link #isEndOfStream()}).
     * The allocation-free form of {@link #pollRead}.
     */
    public Buffer tryRead(Context cx) throws IOException {
        return transport.tryRead(cx);
    }

    /** Whether a read reached the end of the stream. Reader only. */
    public boolean isEndOfStream() {
        return transport.isEndOfStream();
    }

    /**
     * Writes some of {@code buffer}'s readable bytes, advancing its read index: the bytes
     * written, or {@link #PENDING} (the task will be woken). The allocation-free form of
     * {@link #pollWrite(Context, Buffer)}; the buffer must stay untouched while pending.
     */
    public long tryWrite(Context cx, Buffer buffer) throws IOException {
        single[0] = buffer;
        try {
            return transport.tryWrite(cx, single, 0, 1);
        } finally {
            single[0] = null;
        }
    }

    /** {@link #tryWrite(Context, Buffer)} for a gather write of several buffers. */
    public long tryWrite(Context cx, Buffer[] buffers, int offset, int count) throws IOException {
        return transport.tryWrite(cx, buffers, offset, count);
    }

    /**
     * A gather write by position, leaving the buffers' indexes alone: see
     * {@link StreamTransport#tryWrite(Context, Buffer[], long[], int, int)}.
     */
    public long tryWrite(Context cx, Buffer[] buffers, long[] starts, int offset, int count) throws IOException {
        return transport.tryWrite(cx, buffers, starts, offset, count);
    }

    /** {@link #tryWrite}'s "not yet". */
    public static final long PENDING = StreamTransport.PENDING;

    /** Writes some of {@code buffer}'s readable bytes, advancing its read index. */
    public Poll<Long> pollWrite(Context cx, Buffer buffer) throws IOException {
        single[0] = buffer;
        try {
            return transport.pollWrite(cx, single, 0, 1);
        } finally {
            single[0] = null;
        }
    }

    /**
     * Writes some readable bytes of {@code buffers[offset .. offset+count)} in order (one
     * gather write), advancing their read indexes. The buffers must stay untouched until Ready.
     */
    public Poll<Long> pollWrite(Context cx, Buffer[] buffers, int offset, int count)
            throws IOException {
        return transport.pollWrite(cx, buffers, offset, count);
    }

    /** A future of the next buffer (null at end of stream). */
    public Future<Buffer> read() {
        return cx -> {
            try {
                return pollRead(cx);
            } catch (IOException e) {
                throw new UncheckedIOException("read", e);
            }
        };
    }

    /**
     * Writes every readable byte of {@code buffers}, in order; completes with the total.
     * The buffers stay the caller's (not released).
     */
    public Future<Long> writeAll(Buffer... buffers) {
        return new Future<>() {
            private long total;
            private int first;

            @Override
            public Poll<Long> poll(Context cx) {
                try {
                    while (true) {
                        while (first < buffers.length && buffers[first].readableBytes() == 0) {
                            first++;
                        }
                        if (first == buffers.length) {
                            return Poll.ready(total);
                        }
                        Poll<Long> p = transport.pollWrite(cx, buffers, first, buffers.length - first);
                        if (!(p instanceof Poll.Ready<Long> r)) {
                            return Poll.pending();
                        }
                        total += r.value();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("write", e);
                }
            }
        };
    }

    /** Half-close: the peer reads end of stream; reading here continues. */
    public void shutdownOutput() throws IOException {
        transport.shutdownOutput();
    }

    public InetSocketAddress localAddress() throws IOException {
        return transport.localAddress();
    }

    public InetSocketAddress remoteAddress() throws IOException {
        return transport.remoteAddress();
    }

    public void setNoDelay(boolean on) throws IOException {
        transport.setNoDelay(on);
    }

    public void setKeepAlive(boolean on) throws IOException {
        transport.setKeepAlive(on);
    }

    /**
     * Closes the socket. Idempotent, any thread. In-flight kernel operations are cancelled and
     * their buffers released once the kernel is done with them.
     */
    @Override
    public void close() {
        transport.close();
    }

    public boolean isClosed() {
        return transport.isClosed();
    }
}
