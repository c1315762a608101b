package dev.weft.io.nio;

import dev.weft.io.TcpOptions;
import dev.weft.io.buffer.Buffer;
import dev.weft.io.transport.OwnedSocket;
import dev.weft.io.transport.MsgHdr;
import dev.weft.io.transport.Readiness;
import dev.weft.io.transport.SocketErrors;
import dev.weft.io.transport.StreamTransport;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A connected socket on a JDK {@link SocketChannel}, with {@link Readiness}'s protocol on top of
 * the selector: a task that finds nothing to read registers its waker, clears the bit, then
 * adds the operation to the key's interest; the dispatch wakes it and takes the interest off
 * again (level-triggered, so a set interest with nothing waiting would spin the selector).
 *
 * <p>Thread roles: one reader and one writer task at a time, on any worker; {@link #onReady} on
 * the owner of the driver it is registered with; {@link #close} any thread.
 */
final class NioStream implements StreamTransport, NioHandler, OwnedSocket, AutoCloseable {
    private final NioIoDriver home;
    private final SocketChannel channel;
    private final Readiness readiness = new Readiness();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Written once by {@link #register} before the stream is published. */
    private SelectionKey key;
    /** Connecting task only. */
    private boolean connected;
    /** Reader task only: a read returned end of stream. */
    private boolean endOfStream;

    private NioStream(NioIoDriver home, SocketChannel channel, boolean connecting) {
        this.home = home;
        this.channel = channel;
        this.connected = !connecting;
    }

    static NioStream register(NioIoDriver home, SocketChannel ch, boolean connecting) throws IOException {
        NioStream s = new NioStream(home, ch, connecting);
        s.key = home.register(ch, s, s);
        return s;
    }

    static void applyOptions(SocketChannel ch, TcpOptions options) throws IOException {
        ch.setOption(StandardSocketOptions.TCP_NODELAY, options.noDelay());
        ch.setOption(StandardSocketOptions.SO_KEEPALIVE, options.keepAlive());
    }

    @Override
    public void onReady(int readyOps) {
        int bits = 0;
        if ((readyOps & SelectionKey.OP_READ) != 0) {
            bits |= Readiness.READABLE;
        }
        if ((readyOps & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0) {
            bits |= Readiness.WRITABLE;
        }
        try {
            key.interestOpsAnd(~readyOps);
        } catch (CancelledKeyException ignored) {
            bits |= Readiness.CLOSED;
        }
        readiness.onEvent(bits);
    }

    @Override
    public Poll<Void> pollConnect(Context cx) throws IOException {
        checkOpen();
        while (!connected) {
            int seen = readiness.snapshot();
            if (Readiness.isSet(seen, Readiness.WRITABLE) && channel.finishConnect()) {
                connected = true;
                break;
            }
            if (readiness.clear(seen, Readiness.WRITABLE, cx.waker())) {
                home.arm(key, SelectionKey.OP_CONNECT);
                return Poll.pending();
            }
        }
        return Poll.readyVoid();
    }

    @Override
    public Buffer tryRead(Context cx) throws IOException {
        checkOpen();
        if (endOfStream || !cx.consumeBudget()) {
            return null;
        }
        while (true) {
            int seen = readiness.snapshot();
            if (Readiness.isSet(seen, Readiness.READABLE)) {
                Buffer buf = home.bufferPool().allocate(home.readBufferSize());
                int n;
                try {
                    n = channel.read(buf.writableSegment().asByteBuffer());
                } catch (IOException | RuntimeException e) {
                    buf.release();
                    throw e;
                }
                if (n > 0) {
                    buf.advanceWriteIndex(n);
                    return buf;
                }
                buf.release();
                if (n < 0) {
                    endOfStream = true;
                    return null;
                }
            }
            if (readiness.clear(seen, Readiness.READABLE, cx.waker())) {
                home.arm(key, SelectionKey.OP_READ);
                return null;
            }
        }
    }

    @Override
    public boolean isEndOfStream() {
        return endOfStream;
    }

    @Override
    public long tryWrite(Context cx, Buffer[] buffers, long[] starts, int offset, int count) throws IOException {
        checkOpen();
        if (!cx.consumeBudget()) {
            return PENDING;
        }
        while (true) {
            int seen = readiness.snapshot();
            if (Readiness.isSet(seen, Readiness.WRITABLE)) {
                long n = write(buffers, starts, offset, count);
                if (n > 0 || isEmpty(buffers, starts, offset, count)) {
                    return n;
                }
            }
            if (readiness.clear(seen, Readiness.WRITABLE, cx.waker())) {
                home.arm(key, SelectionKey.OP_WRITE);
                return PENDING;
            }
        }
    }

    private long write(Buffer[] buffers, long[] starts, int offset, int count) throws IOException {
        long n;
        if (count == 1) {
            n = channel.write(unsentView(buffers, starts, offset));
        } else {
            ByteBuffer[] views = new ByteBuffer[count];
            for (int i = 0; i < count; i++) {
                views[i] = unsentView(buffers, starts, offset + i);
            }
            n = channel.write(views);
        }
        MsgHdr.consume(buffers, starts, offset, count, n);
        return n;
    }

    private static ByteBuffer unsentView(Buffer[] buffers, long[] starts, int i) {
        Buffer b = buffers[i];
        long start = starts == null ? b.readIndex() : starts[i];
        return b.segment().asSlice(start, b.writeIndex() - start).asByteBuffer();
    }

    private static boolean isEmpty(Buffer[] buffers, long[] starts, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            if (MsgHdr.unsent(buffers[i], starts, i) > 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void shutdownOutput() throws IOException {
        checkOpen();
        channel.shutdownOutput();
    }

    @Override
    public InetSocketAddress localAddress() throws IOException {
        checkOpen();
        return (InetSocketAddress) channel.getLocalAddress();
    }

    @Override
    public InetSocketAddress remoteAddress() throws IOException {
        checkOpen();
        return (InetSocketAddress) channel.getRemoteAddress();
    }

    @Override
    public void setNoDelay(boolean on) throws IOException {
        checkOpen();
        channel.setOption(StandardSocketOptions.TCP_NODELAY, on);
    }

    @Override
    public void setKeepAlive(boolean on) throws IOException {
        checkOpen();
        channel.setOption(StandardSocketOptions.SO_KEEPALIVE, on);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        readiness.wakeAll();
        key.cancel();
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing more to release: the JDK frees the fd whatever close reports.
        }
        home.forget(this);
    }

    /** The JDK closes the channel from any thread: the owner's part is the same close. */
    @Override
    public void closeOnOwner() {
        close();
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    private void checkOpen() throws IOException {
        if (closed.get()) {
            throw SocketErrors.closed();
        }
    }
}
