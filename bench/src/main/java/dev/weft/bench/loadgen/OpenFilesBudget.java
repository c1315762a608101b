package dev.weft.bench.loadgen;

import dev.weft.io.linux.LinuxException;
import dev.weft.io.linux.OpenFilesLimit;

/**
 * Whether this process may hold a given number of sockets: raises the open-file soft limit to
 * the hard one, then checks the count (plus what the JVM and the runtime hold) fits, and
 * otherwise fails saying exactly what to change.
 */
public final class OpenFilesBudget {

    /** Descriptors a JVM and a Weft runtime hold besides the connections: jars, epoll/io_uring fds, pipes. */
    public static final int RESERVED = 300;

    private OpenFilesBudget() {}

    /** Raises the soft limit to the hard one; returns the limits after. Fails only if the call does. */
    public static OpenFilesLimit raise() {
        try {
            return OpenFilesLimit.raiseSoftToHard();
        } catch (LinuxException e) {
            throw new IllegalStateException("cannot raise the open-file limit: " + e.getMessage(), e);
        }
    }

    /** Sockets one process may hold under {@code limit}. */
    public static long connectionsPerProcess(OpenFilesLimit limit) {
        return Math.max(0, limit.soft() - RESERVED);
    }

    /**
     * Raises the limit, then fails with what to change unless {@code connections} fit.
     *
     * @param role e.g. {@code "the load generator"}, for the message
     * @param processOption the option that spreads the load over more processes, e.g. {@code --generators}
     */
    public static OpenFilesLimit require(int connections, String role, String processOption) {
        OpenFilesLimit limit = raise();
        long room = connectionsPerProcess(limit);
        if (connections > room) {
            throw new IllegalArgumentException(String.format(
                    "%s cannot hold %,d connections: its open-file limit is %,d (soft) / %,d (hard), and %d descriptors "
                            + "are kept for the JVM, so one process holds at most %,d. Either raise the hard limit "
                            + "(`ulimit -Hn %d` as root in the shell that starts it; `nofile` in "
                            + "/etc/security/limits.conf for logins; LimitNOFILE=%d in a systemd unit; in a container, "
                            + "its runtime's ulimit option) or spread the connections over more processes (%s: at "
                            + "least %d times as many as now).",
                    role, connections, limit.soft(), limit.hard(), RESERVED, room, connections + RESERVED,
                    connections + RESERVED, processOption, room == 0 ? 1 : (connections + room - 1) / room));
        }
        return limit;
    }
}
