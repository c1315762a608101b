package dev.weft.io.transport;

import dev.weft.io.buffer.Buffer;
import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * One connected socket as a backend implements it; {@code TcpStream} is its public face.
 *
 * <p>Thread roles: at most one task reads and one task writes at a time (they may be the same
 * task, and may move between workers between polls); close from any thread.
 */
public interface StreamTransport {

    /**
     * Completes a connect started by {@code IoDriver.connect}: Ready once connected.
     *
     * @throws IOException the connect failed (e.g. {@link java.net.ConnectException} refused)
     */
    Poll<Void> pollConnect(Context cx) throws IOException;

    /**
     * Received bytes in a pooled buffer that the caller now owns (and must release), or
     * {@code Ready(null)} at end of stream (the peer shut down its side).
     */
    Poll<Buffer> pollRead(Context cx) throws IOException;

    /**
     * Writes from {@code buffers[offset .. offset+count)}'s readable bytes, in order (a gather
     * write), and advances their read indexes by what was written. Ready with the bytes written
     * (at least one unless every buffer is empty). The buffers stay the caller's; they must not
     * be released or changed until this returns Ready (an io_uring send may still read them
     * while Pending).
     */
    Poll<Long> pollWrite(Context cx, Buffer[] buffers, int offset, int count) throws IOException;

    /** Half-close: no more writes; the peer reads end of stream. */
    void shutdownOutput() throws IOException;

    InetSocketAddress localAddress() throws IOException;

    InetSocketAddress remoteAddress() throws IOException;

    void setNoDelay(boolean on) throws IOException;

    void setKeepAlive(boolean on) throws IOException;

    /**
     * Closes the socket and releases its buffers. Idempotent; any thread. Operations still in
     * the kernel are cancelled first, and buffers they hold are released only once the kernel
     * has let go of them.
     */
    void close();

    boolean isClosed();
}
