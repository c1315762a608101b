package dev.weft.io.transport;

import dev.weft.io.linux.Errno;
import dev.weft.io.linux.LinuxException;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.SocketException;

/**
 * Turns a syscall's {@code -errno} into the {@link IOException} a Java networking user expects
 * ({@link ConnectException} for a refused connect, {@link BindException} for a port in use,
 * {@link SocketException} for a reset), keeping the errno as the cause.
 */
public final class SocketErrors {
    private SocketErrors() {}

    public static IOException of(String call, long negErrno) {
        int errno = (int) -negErrno;
        LinuxException cause = new LinuxException(call, errno);
        IOException e;
        if (errno == Errno.ECONNREFUSED.number()) {
            e = new ConnectException(Errno.ECONNREFUSED.message());
        } else if (errno == Errno.EADDRINUSE.number() || errno == Errno.EADDRNOTAVAIL.number()
                || errno == Errno.EACCES.number()) {
            e = new BindException(cause.getMessage());
        } else if (errno == Errno.ECONNRESET.number()) {
            e = new SocketException(Errno.ECONNRESET.message());
        } else if (errno == Errno.EPIPE.number()) {
            e = new SocketException(Errno.EPIPE.message() + " (the peer closed the connection)");
        } else {
            return cause;
        }
        e.initCause(cause);
        return e;
    }

    /** A use of a socket that is already closed. */
    public static SocketException closed() {
        return new SocketException("Socket closed");
    }
}
