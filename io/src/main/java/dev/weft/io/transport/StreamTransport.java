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
     * Received bytes in a pooled buffer that the caller now owns (and must release); null when
     * nothing has arrived yet (the task's waker is registered) or at end of stream (the peer
     * shut down its side; {@link #isEndOfStream()} tells which). Allocates nothing.
     */
    Buffer tryRead(Context cx) throws IOException;

    /** Whether a read saw the end of the stream. Reader only. */
    boolean isEndOfStream();

    /**
     * Writes from {@code buffers[offset .. offset+count)}'s readable bytes, in order (a gather
     * write), and advances their read indexes by what was written. Returns the bytes written (at
     * least one unless every buffer is empty), or {@link #PENDING} with the task's waker
     * registered. The buffers stay the caller's; they must not be released or changed until a
     * call returns a count (an io_uring send may still read them while pending). Allocates
     * nothing.
     */
    default long tryWrite(Context cx, Buffer[] buffers, int offset, int count) throws IOException {
        return tryWrite(cx, buffers, null, offset, count);
    }

    /**
     * {@link #tryWrite(Context, Buffer[], int, int)} by position: writes each buffer's bytes
     * from {@code starts[i]} to its write index and advances {@code starts[i]}, leaving the
     * buffers themselves untouched, so one buffer may sit in many streams' writes at once (a
     * broadcast payload, shared by reference count instead of a view object per stream).
     * {@code starts} null means the read indexes.
     */
    long tryWrite(Context cx, Buffer[] buffers, long[] starts, int offset, int count) throws IOException;

    /** {@link #tryWrite}'s "not yet". */
    long PENDING = -1;

    /** {@link #tryRead} as a poll: {@code Ready(null)} at end of stream. */
    default Poll<Buffer> pollRead(Context cx) throws IOException {
        Buffer b = tryRead(cx);
        if (b != null) {
            return Poll.ready(b);
        }
        return isEndOfStream() ? Poll.ready(null) : Poll.pending();
    }

    /** {@link #tryWrite} as a poll. */
    default Poll<Long> pollWrite(Context cx, Buffer[] buffers, int offset, int count)
            throws IOException {
        long n = tryWrite(cx, buffers, offset, count);
        return n == PENDING ? Poll.pending() : Poll.ready(n);
    }

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
