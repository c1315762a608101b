package dev.weft.io.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * FFM downcalls for epoll ({@code epoll_create1}, {@code epoll_ctl}, {@code epoll_wait}),
 * with {@link Syscalls}' error model: a non-negative result or {@code -errno}.
 *
 * <p>errno capture and the error mapping are {@link Downcalls}'. {@code epoll_wait} blocks, so
 * no handle here uses {@code Linker.Option.critical}.
 */
public final class EpollCalls {
    private static final long EVENT_BYTES = EpollEvent.current().byteSize();

    private static final MethodHandle EPOLL_CREATE1 = downcall("epoll_create1",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle EPOLL_CTL = downcall("epoll_ctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle EPOLL_WAIT = downcall("epoll_wait",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));

    private EpollCalls() {}

    /** {@code epoll_create1(flags)} ({@link EpollEvent#EPOLL_CLOEXEC}): the fd, or -errno. */
    public static int epollCreate1(int flags) {
        MemorySegment capture = Downcalls.capture();
        try {
            return result((int) EPOLL_CREATE1.invokeExact(capture, flags), capture);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code epoll_ctl(epfd, op, fd, event)}: 0 or -errno.
     *
     * @param event one {@link EpollEvent} (ignored by the kernel for DEL; may be
     *     {@link MemorySegment#NULL} then)
     */
    public static int epollCtl(int epfd, int op, int fd, MemorySegment event) {
        MemorySegment capture = Downcalls.capture();
        try {
            return result((int) EPOLL_CTL.invokeExact(capture, epfd, op, fd, event), capture);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code epoll_wait(epfd, events, maxEvents, timeoutMillis)}: the number of ready events
     * written to {@code events}, or -errno ({@code -EINTR} when a signal interrupted it).
     * {@code timeoutMillis} -1 blocks without limit, 0 returns at once.
     */
    public static int epollWait(int epfd, MemorySegment events, int maxEvents, int timeoutMillis) {
        if ((long) maxEvents * EVENT_BYTES > events.byteSize()) {
            throw new IndexOutOfBoundsException(
                    maxEvents + " events do not fit in " + events.byteSize() + " bytes");
        }
        MemorySegment capture = Downcalls.capture();
        try {
            return result((int) EPOLL_WAIT.invokeExact(capture, epfd, events, maxEvents,
                    timeoutMillis), capture);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static int result(int r, MemorySegment capture) {
        return Downcalls.result(r, capture);
    }

    private static MethodHandle downcall(String name, FunctionDescriptor descriptor) {
        return Downcalls.downcall(name, descriptor, Downcalls.CAPTURE_ERRNO);
    }

    private static RuntimeException rethrow(Throwable t) {
        return Downcalls.rethrow(t);
    }
}
