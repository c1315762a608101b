package dev.weft.io.nio;

import dev.weft.io.IoDriver;
import dev.weft.io.TcpOptions;
import dev.weft.io.transport.ListenerTransport;
import dev.weft.io.transport.OwnedSocket;
import dev.weft.io.transport.Readiness;
import dev.weft.io.transport.SocketErrors;
import dev.weft.io.transport.StreamTransport;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A listening {@link ServerSocketChannel}; accepted channels are registered with the driver of
 * the accepting worker. Same waiting protocol as {@link NioStream}.
 */
final class NioListener implements ListenerTransport, NioHandler, OwnedSocket, AutoCloseable {
    private final NioIoDriver home;
    private final ServerSocketChannel channel;
    private final TcpOptions options;
    private final InetSocketAddress localAddress;
    private final Readiness readiness = new Readiness();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Written once by {@link #register} before the listener is published. */
    private SelectionKey key;

    private NioListener(NioIoDriver home, ServerSocketChannel channel, TcpOptions options)
            throws IOException {
        this.home = home;
        this.channel = channel;
        this.options = options;
        this.localAddress = (InetSocketAddress) channel.getLocalAddress();
    }

    static NioListener register(NioIoDriver home, ServerSocketChannel ch, TcpOptions options)
            throws IOException {
        NioListener l = new NioListener(home, ch, options);
        l.key = home.register(ch, l, l);
        return l;
    }

    @Override
    public void onReady(int readyOps) {
        try {
            key.interestOpsAnd(~readyOps);
            readiness.onEvent(Readiness.READABLE);
        } catch (CancelledKeyException e) {
            readiness.wakeAll();
        }
    }

    @Override
    public Poll<StreamTransport> pollAccept(Context cx) throws IOException {
        if (closed.get()) {
            throw SocketErrors.closed();
        }
        if (!cx.consumeBudget()) {
            return Poll.pending();
        }
        while (true) {
            int seen = readiness.snapshot();
            if (Readiness.isSet(seen, Readiness.READABLE)) {
                SocketChannel conn = channel.accept();
                if (conn != null) {
                    return Poll.ready(adopt(cx, conn));
                }
            }
            if (readiness.clear(seen, Readiness.READABLE, cx.waker())) {
                home.arm(key, SelectionKey.OP_ACCEPT);
                return Poll.pending();
            }
        }
    }

    private StreamTransport adopt(Context cx, SocketChannel conn) throws IOException {
        NioIoDriver driver = IoDriver.current(cx) instanceof NioIoDriver n ? n : home;
        try {
            conn.configureBlocking(false);
            NioStream.applyOptions(conn, options);
            return NioStream.register(driver, conn, false);
        } catch (IOException | RuntimeException e) {
            conn.close();
            throw e;
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
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
            // The JDK frees the fd whatever close reports.
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
}
