package dev.weft.io.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * {@code struct epoll_event} and the epoll constants, mirroring {@code <sys/epoll.h>} and
 * {@code include/uapi/linux/eventpoll.h}:
 * https://github.com/torvalds/linux/blob/master/include/uapi/linux/eventpoll.h
 *
 * <pre>
 *   struct epoll_event {          x86-64 (__EPOLL_PACKED)     aarch64 (natural alignment)
 *       uint32_t     events;      offset 0, 4 bytes           offset 0, 4 bytes
 *                                 -                           offset 4, 4 bytes padding
 *       epoll_data_t data;        offset 4, 8 bytes           offset 8, 8 bytes
 *   };                            12 bytes                    16 bytes
 *
 *   x86-64:  0       4                       12
 *            +-------+-----------------------+
 *            |events |  data (u64, unaligned)|
 *            +-------+-----------------------+
 * </pre>
 * The kernel declares the struct packed on x86-64 only, so the layout depends on
 * {@link Arch}; {@link #of(Arch)} picks it. {@code data} is a union; Weft always uses its
 * {@code u64} member as an opaque token.
 */
public final class EpollEvent {
    // ---- epoll_create1 flags ----
    /** {@code O_CLOEXEC}, octal 02000000. */
    public static final int EPOLL_CLOEXEC = 0x80000;

    // ---- epoll_ctl ops ----
    public static final int EPOLL_CTL_ADD = 1;
    public static final int EPOLL_CTL_DEL = 2;
    public static final int EPOLL_CTL_MOD = 3;

    // ---- event bits ----
    public static final int EPOLLIN = 0x001;
    public static final int EPOLLPRI = 0x002;
    public static final int EPOLLOUT = 0x004;
    public static final int EPOLLERR = 0x008;
    public static final int EPOLLHUP = 0x010;
    public static final int EPOLLRDHUP = 0x2000;
    /** Edge-triggered: report a readiness change once, not while the fd stays ready. */
    public static final int EPOLLET = 1 << 31;

    /** x86-64: packed, 12 bytes, data unaligned at 4. */
    public static final EpollEvent PACKED = new EpollEvent(MemoryLayout.structLayout(
            JAVA_INT.withName("events"),
            JAVA_LONG_UNALIGNED.withName("data")));
    /** aarch64 and other natural-alignment ABIs: 16 bytes, data at 8. */
    public static final EpollEvent ALIGNED = new EpollEvent(MemoryLayout.structLayout(
            JAVA_INT.withName("events"),
            MemoryLayout.paddingLayout(4),
            JAVA_LONG.withName("data")));

    private final StructLayout layout;
    private final long eventsOffset;
    private final long dataOffset;

    private EpollEvent(StructLayout layout) {
        this.layout = layout;
        this.eventsOffset = layout.byteOffset(MemoryLayout.PathElement.groupElement("events"));
        this.dataOffset = layout.byteOffset(MemoryLayout.PathElement.groupElement("data"));
    }

    /** The layout the kernel uses on {@code arch}. */
    public static EpollEvent of(Arch arch) {
        return switch (arch) {
            case X86_64 -> PACKED;
            case AARCH64 -> ALIGNED;
        };
    }

    /** The layout of this JVM's architecture. */
    public static EpollEvent current() {
        return of(Arch.current());
    }

    public StructLayout layout() {
        return layout;
    }

    /** Size of one element in an {@code epoll_event} array. */
    public long byteSize() {
        return layout.byteSize();
    }

    public long eventsOffset() {
        return eventsOffset;
    }

    public long dataOffset() {
        return dataOffset;
    }

    /** {@code events} of element {@code index} of an array. */
    public int events(MemorySegment array, int index) {
        return array.get(JAVA_INT, index * layout.byteSize() + eventsOffset);
    }

    /** {@code data.u64} of element {@code index} of an array. */
    public long data(MemorySegment array, int index) {
        return array.get(JAVA_LONG_UNALIGNED, index * layout.byteSize() + dataOffset);
    }

    /** Fills one event (element 0 of {@code event}), as {@code epoll_ctl} reads it. */
    public void set(MemorySegment event, int events, long data) {
        event.set(JAVA_INT, eventsOffset, events);
        event.set(JAVA_LONG_UNALIGNED, dataOffset, data);
    }
}
