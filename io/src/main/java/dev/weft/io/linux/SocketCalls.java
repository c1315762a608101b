package dev.weft.io.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * FFM downcalls for sockets, with {@link Syscalls}' error model: a non-negative result or
 * {@code -errno}. Constants are the Linux values (x86-64 and aarch64 share them):
 * https://github.com/torvalds/linux/blob/master/include/linux/socket.h and
 * {@code include/uapi/asm-generic/socket.h}.
 *
 * <p>Every socket is created non-blocking and close-on-exec ({@code SOCK_NONBLOCK |
 * SOCK_CLOEXEC}), so no call here blocks and none uses {@code Linker.Option.critical}.
 */
public final class SocketCalls {
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_NONBLOCK = 0x800;
    public static final int SOCK_CLOEXEC = 0x80000;

    public static final int SOL_SOCKET = 1;
    public static final int SO_REUSEADDR = 2;
    public static final int SO_ERROR = 4;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_KEEPALIVE = 9;
    public static final int SO_LINGER = 13;
    public static final int SO_REUSEPORT = 15;
    public static final int IPPROTO_TCP = 6;
    /** {@code SOL_IP}: the level of IPv4 options (and of IP_BIND_ADDRESS_NO_PORT for IPv6 too). */
    public static final int SOL_IP = 0;
    /**
     * {@code IP_BIND_ADDRESS_NO_PORT} (include/uapi/linux/in.h): a bind with port 0 defers the
     * port choice to connect, which then picks a port unique per destination rather than per
     * source address, so one source address is not limited to one ephemeral range overall.
     */
    public static final int IP_BIND_ADDRESS_NO_PORT = 24;
    public static final int TCP_NODELAY = 1;

    public static final int SHUT_RD = 0;
    public static final int SHUT_WR = 1;
    public static final int SHUT_RDWR = 2;

    /** {@code MSG_NOSIGNAL}: a send to a reset peer returns EPIPE instead of raising SIGPIPE. */
    public static final int MSG_NOSIGNAL = 0x4000;

    private static final MethodHandle SOCKET = downcall("socket",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = downcall("bind",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle LISTEN = downcall("listen",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle ACCEPT4 = downcall("accept4",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    private static final MethodHandle CONNECT = downcall("connect",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = downcall("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKOPT = downcall("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle GETSOCKNAME = downcall("getsockname",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle GETPEERNAME = downcall("getpeername",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SHUTDOWN = downcall("shutdown",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SEND = downcall("send",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    /** send/recv with the buffer as a raw address (LP64: a pointer is a long), so a hot-path
     *  call needs no MemorySegment slice of a pooled buffer. */
    private static final MethodHandle SEND_AT = downcall("send",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT));
    private static final MethodHandle RECV_AT = downcall("recv",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT));
    private static final MethodHandle SENDMSG = downcall("sendmsg",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));

    private SocketCalls() {}

    /** {@code socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0)}: fd or -errno. */
    public static int socket(int family) {
        MemorySegment c = Downcalls.capture();
        try {
            return Downcalls.result((int) SOCKET.invokeExact(c, family,
                    SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0), c);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** {@code bind(fd, addr, len)}: 0 or -errno. */
    public static int bind(int fd, MemorySegment addr, int len) {
        MemorySegment c = Downcalls.capture();
        try {
            return Downcalls.result((int) BIND.invokeExact(c, fd, addr, len), c);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** {@code listen(fd, backlog)}: 0 or -errno. */
    public static int listen(int fd, int backlog) {
        MemorySegment c = Downcalls.capture();
        try {
            return Downcalls.result((int) LISTEN.invokeExact(c, fd, backlog), c);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /**
     * {@code accept4(fd, addr, addrLen, SOCK_NONBLOCK | SOCK_CLOEXEC)}: the new fd or -errno.
     * {@code addr} and {@code addrLen} may be {@link MemorySegment#NULL}.
     */
    public static int accept4(int fd, MemorySegment addr, MemorySegment addrLen) {
        MemorySegment c = Downcalls.capture();
        try {
            return Downcalls.result((int) ACCEPT4.invokeExact(c, fd, addr, addrLen,
                    SOCK_NONBLOCK | SOCK_CLOEXEC), c);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** {@code connect(fd, addr, len)}: 0, or -errno ({@code -EINPROGRESS} when non-blocking). */
    public static int connect(int fd, MemorySegment addr, int len) {
        MemorySegment c = Downcalls.capture();
        try {
            return Downcalls.result((int) CONNECT.invokeExact(c, fd, addr, len), c);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** {@code setsockopt(fd, level, name, &value, 4)} for an int option: 0 or -errno. */
    public static int setIntOption(int fd, int level, int name, int value, MemorySegment scratch) {
        scratch.set(JAVA_INT, 0, value);
        MemorySegment c = Downcalls.capture();
        try {
            return Downcalls.result((int) SETSOCKOPT.invokeExact(c, fd, level, name, scratch,
                    Integer.BYTES), c);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** {@code setsockopt(fd, level, name, value, len)}: 0 or -errno. */
    public static int setOption(int fd, int level, int name, MemorySegment value, int len) {
        MemorySegment c = Downcalls.capture();
        try {
            return Downcalls.result((int) SETSOCKOPT.invokeExact(c, fd, level, name, value, len), c);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /**
     * An int option's value, or -errno. {@code scratch} holds at least 8 bytes (value and
     * length).
     */
    public static int getIntOption(int fd, int level, int name, MemorySegment scratch) {
        scratch.set(JAVA_INT, 4, Integer.BYTES);
        MemorySegment c = Downcalls.capture();
        try {
            int r = Downcalls.result((int) GETSOCKOPT.invokeExact(c, fd, level, name,
                    scratch, scratch.asSlice(4)), c);
            return r < 0 ? r : scratch.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** {@code getsockname}: 0 or -errno; the length at {@code addrLen} is in/out. */
    public static int getsockname(int fd, MemorySegment addr, MemorySegment addrLen) {
        MemorySegment c = Downcalls.capture();
        try {
            return Downcalls.result((int) GETSOCKNAME.invokeExact(c, fd, addr, addrLen), c);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** {@code getpeername}: 0 or -errno; the length at {@code addrLen} is in/out. */
    public static int getpeername(int fd, MemorySegment addr, MemorySegment addrLen) {
        MemorySegment c = Downcalls.capture();
        try {
            return Downcalls.result((int) GETPEERNAME.invokeExact(c, fd, addr, addrLen), c);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** {@code shutdown(fd, how)}: 0 or -errno. */
    public static int shutdown(int fd, int how) {
        MemorySegment c = Downcalls.capture();
        try {
            return Downcalls.result((int) SHUTDOWN.invokeExact(c, fd, how), c);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** {@code send(fd, buf, len, MSG_NOSIGNAL)}: bytes sent or -errno. */
    public static long send(int fd, MemorySegment buf, long len) {
        if (len > buf.byteSize()) {
            throw new IndexOutOfBoundsException(len + " > " + buf.byteSize());
        }
        MemorySegment c = Downcalls.capture();
        try {
            return Downcalls.result((long) SEND.invokeExact(c, fd, buf, len, MSG_NOSIGNAL), c);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /**
     * {@code send(fd, address, len, MSG_NOSIGNAL)}: bytes sent or -errno. The caller guarantees
     * {@code [address, address+len)} is live memory it owns (a pooled buffer's readable bytes).
     */
    public static long sendAt(int fd, long address, long len) {
        MemorySegment c = Downcalls.capture();
        try {
            return Downcalls.result((long) SEND_AT.invokeExact(c, fd, address, len, MSG_NOSIGNAL), c);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /**
     * {@code recv(fd, address, len, 0)}: bytes received (0 at end of stream) or -errno. The
     * caller guarantees {@code [address, address+len)} is live memory it owns.
     */
    public static long recvAt(int fd, long address, long len) {
        MemorySegment c = Downcalls.capture();
        try {
            return Downcalls.result((long) RECV_AT.invokeExact(c, fd, address, len, 0), c);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** {@code sendmsg(fd, msghdr, MSG_NOSIGNAL)} (a gather write): bytes sent or -errno. */
    public static long sendmsg(int fd, MemorySegment msghdr) {
        MemorySegment c = Downcalls.capture();
        try {
            return Downcalls.result((long) SENDMSG.invokeExact(c, fd, msghdr, MSG_NOSIGNAL), c);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    private static MethodHandle downcall(String name, FunctionDescriptor descriptor) {
        return Downcalls.downcall(name, descriptor, Downcalls.CAPTURE_ERRNO);
    }
}
