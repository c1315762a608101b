package dev.weft.io.transport;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.weft.io.TcpOptions;
import dev.weft.io.linux.SockAddr;
import dev.weft.io.linux.SocketCalls;
import dev.weft.io.linux.Syscalls;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Socket set-up on raw file descriptors, shared by the epoll and io_uring backends: create,
 * set options, bind, listen, start a connect, read addresses. Every call fails with an
 * {@link IOException} from {@link SocketErrors} and leaves no fd behind on failure.
 */
public final class FdSockets {

    /** Per-thread scratch: a sockaddr, its in/out length, and an option value. */
    private static final ThreadLocal<MemorySegment> SCRATCH =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(64, 8));
    private static final long LEN_OFFSET = 32;
    private static final long OPT_OFFSET = 40;

    private FdSockets() {}

    /** A bound, listening, non-blocking socket's fd. */
    public static int listen(InetSocketAddress address, TcpOptions options) throws IOException {
        MemorySegment s = SCRATCH.get();
        int fd = check("socket", SocketCalls.socket(SockAddr.family(address)));
        try {
            setInt(fd, SocketCalls.SOL_SOCKET, SocketCalls.SO_REUSEADDR, 1, "SO_REUSEADDR");
            if (options.reusePort()) {
                setInt(fd, SocketCalls.SOL_SOCKET, SocketCalls.SO_REUSEPORT, 1, "SO_REUSEPORT");
            }
            int len = SockAddr.encode(address, s);
            check("bind(" + address + ")", SocketCalls.bind(fd, s, len));
            check("listen", SocketCalls.listen(fd, options.backlog()));
            return fd;
        } catch (IOException | RuntimeException e) {
            Syscalls.close(fd);
            throw e;
        }
    }

    /**
     * A non-blocking socket with a connect to {@code address} started. The connect may already
     * be complete; {@link #connectError} tells once the socket is writable.
     */
    public static int startConnect(InetSocketAddress address, TcpOptions options) throws IOException {
        MemorySegment s = SCRATCH.get();
        int fd = check("socket", SocketCalls.socket(SockAddr.family(address)));
        try {
            applyStreamOptions(fd, options);
            if (options.localAddress() != null) {
                bindSource(fd, options.localAddress());
            }
            int len = SockAddr.encode(address, s);
            int r = SocketCalls.connect(fd, s, len);
            if (r < 0 && r != -dev.weft.io.linux.Errno.EINPROGRESS.number()) {
                throw SocketErrors.of("connect(" + address + ")", r);
            }
            return fd;
        } catch (IOException | RuntimeException e) {
            Syscalls.close(fd);
            throw e;
        }
    }

    /** Binds {@code fd} to {@code source} with the port left for connect to choose. */
    private static void bindSource(int fd, InetAddress source) throws IOException {
        setInt(fd, SocketCalls.SOL_IP, SocketCalls.IP_BIND_ADDRESS_NO_PORT, 1, "IP_BIND_ADDRESS_NO_PORT");
        MemorySegment s = SCRATCH.get();
        InetSocketAddress local = new InetSocketAddress(source, 0);
        int len = SockAddr.encode(local, s);
        check("bind(" + local + ")", SocketCalls.bind(fd, s, len));
    }

    /** SO_ERROR after a non-blocking connect: 0 when connected, else the negated errno. */
    public static int connectError(int fd) throws IOException {
        int r = SocketCalls.getIntOption(fd, SocketCalls.SOL_SOCKET, SocketCalls.SO_ERROR,
                SCRATCH.get().asSlice(OPT_OFFSET));
        if (r < 0) {
            throw SocketErrors.of("getsockopt(SO_ERROR)", r);
        }
        return -r;
    }

    /** Whether a connect has completed: getpeername succeeds, or fails with ENOTCONN. */
    public static boolean isConnected(int fd) throws IOException {
        MemorySegment s = SCRATCH.get();
        s.set(JAVA_INT, LEN_OFFSET, SockAddr.MAX_BYTES);
        int r = SocketCalls.getpeername(fd, s, s.asSlice(LEN_OFFSET));
        if (r == 0) {
            return true;
        }
        if (r == -dev.weft.io.linux.Errno.ENOTCONN.number()) {
            return false;
        }
        throw SocketErrors.of("getpeername", r);
    }

    /** TCP_NODELAY and SO_KEEPALIVE as {@code options} say. */
    public static void applyStreamOptions(int fd, TcpOptions options) throws IOException {
        if (options.noDelay()) {
            setNoDelay(fd, true);
        }
        if (options.keepAlive()) {
            setKeepAlive(fd, true);
        }
    }

    public static void setNoDelay(int fd, boolean on) throws IOException {
        setInt(fd, SocketCalls.IPPROTO_TCP, SocketCalls.TCP_NODELAY, on ? 1 : 0, "TCP_NODELAY");
    }

    public static void setKeepAlive(int fd, boolean on) throws IOException {
        setInt(fd, SocketCalls.SOL_SOCKET, SocketCalls.SO_KEEPALIVE, on ? 1 : 0, "SO_KEEPALIVE");
    }

    public static InetSocketAddress localAddress(int fd) throws IOException {
        MemorySegment s = SCRATCH.get();
        s.set(JAVA_INT, LEN_OFFSET, SockAddr.MAX_BYTES);
        check("getsockname", SocketCalls.getsockname(fd, s, s.asSlice(LEN_OFFSET)));
        return SockAddr.decode(s);
    }

    public static InetSocketAddress remoteAddress(int fd) throws IOException {
        MemorySegment s = SCRATCH.get();
        s.set(JAVA_INT, LEN_OFFSET, SockAddr.MAX_BYTES);
        check("getpeername", SocketCalls.getpeername(fd, s, s.asSlice(LEN_OFFSET)));
        return SockAddr.decode(s);
    }

    public static void shutdownOutput(int fd) throws IOException {
        check("shutdown(SHUT_WR)", SocketCalls.shutdown(fd, SocketCalls.SHUT_WR));
    }

    private static void setInt(int fd, int level, int name, int value, String what) throws IOException {
        check("setsockopt(" + what + ")",
                SocketCalls.setIntOption(fd, level, name, value, SCRATCH.get().asSlice(OPT_OFFSET)));
    }

    private static int check(String call, int r) throws IOException {
        if (r < 0) {
            throw SocketErrors.of(call, r);
        }
        return r;
    }
}
