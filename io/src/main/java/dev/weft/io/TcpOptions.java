package dev.weft.io;

import java.net.InetAddress;

/**
 * Socket options for listeners and streams. Accepted streams inherit {@link #noDelay} and
 * {@link #keepAlive} from their listener's options.
 *
 * @param backlog the listen queue length (the kernel caps it at {@code net.core.somaxconn})
 * @param reusePort SO_REUSEPORT: several listeners (one per worker or per process) share the
 *     port and the kernel spreads connections over them
 * @param noDelay TCP_NODELAY: send small segments at once (no Nagle delay); on by default, as a
 *     messaging server wants
 * @param keepAlive SO_KEEPALIVE: the kernel probes idle connections
 * @param localAddress connects only: the source address to bind before connecting, or null to
 *     let the kernel choose. Each source address has its own ephemeral ports towards one
 *     destination, so spreading connections over 127.0.0.1..127.0.0.N multiplies the ~28,000
 *     connections one address can open to one server port. The port is still chosen at connect
 *     (IP_BIND_ADDRESS_NO_PORT on the native backends)
 */
public record TcpOptions(int backlog, boolean reusePort, boolean noDelay, boolean keepAlive,
                         InetAddress localAddress) {

    public static final int DEFAULT_BACKLOG = 4096;

    public TcpOptions {
        if (backlog < 1) {
            throw new IllegalArgumentException("backlog must be >= 1, was " + backlog);
        }
    }

    public TcpOptions(int backlog, boolean reusePort, boolean noDelay, boolean keepAlive) {
        this(backlog, reusePort, noDelay, keepAlive, null);
    }

    public static TcpOptions defaults() {
        return new TcpOptions(DEFAULT_BACKLOG, false, true, false, null);
    }

    public TcpOptions withBacklog(int n) {
        return new TcpOptions(n, reusePort, noDelay, keepAlive, localAddress);
    }

    public TcpOptions withReusePort(boolean on) {
        return new TcpOptions(backlog, on, noDelay, keepAlive, localAddress);
    }

    public TcpOptions withNoDelay(boolean on) {
        return new TcpOptions(backlog, reusePort, on, keepAlive, localAddress);
    }

    public TcpOptions withKeepAlive(boolean on) {
        return new TcpOptions(backlog, reusePort, noDelay, on, localAddress);
    }

    /** Connects from {@code address} (null: the kernel's choice); see {@link #localAddress}. */
    public TcpOptions withLocalAddress(InetAddress address) {
        return new TcpOptions(backlog, reusePort, noDelay, keepAlive, address);
    }
}
