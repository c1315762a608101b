package dev.weft.io;

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
 */
public record TcpOptions(int backlog, boolean reusePort, boolean noDelay, boolean keepAlive) {

    public static final int DEFAULT_BACKLOG = 4096;

    public TcpOptions {
        if (backlog < 1) {
            throw new IllegalArgumentException("backlog must be >= 1, was " + backlog);
        }
    }

    public static TcpOptions defaults() {
        return new TcpOptions(DEFAULT_BACKLOG, false, true, false);
    }

    public TcpOptions withBacklog(int n) {
        return new TcpOptions(n, reusePort, noDelay, keepAlive);
    }

    public TcpOptions withReusePort(boolean on) {
        return new TcpOptions(backlog, on, noDelay, keepAlive);
    }

    public TcpOptions withNoDelay(boolean on) {
        return new TcpOptions(backlog, reusePort, on, keepAlive);
    }

    public TcpOptions withKeepAlive(boolean on) {
        return new TcpOptions(backlog, reusePort, noDelay, on);
    }
}
