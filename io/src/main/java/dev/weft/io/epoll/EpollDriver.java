package dev.weft.io.epoll;

import dev.weft.io.linux.EpollCalls;
import dev.weft.io.linux.EpollEvent;
import dev.weft.io.linux.Errno;
import dev.weft.io.linux.EventFdFlags;
import dev.weft.io.linux.LinuxException;
import dev.weft.io.linux.Syscalls;
import dev.weft.runtime.driver.Driver;
import dev.weft.runtime.driver.DriverFactory;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * A {@link Driver} on one epoll instance: the owner sleeps in {@code epoll_wait}, other
 * threads wake it through an eventfd registered edge-triggered, and ready fds registered with
 * {@link #register} are dispatched to their {@link EpollHandler} by a token in the event's data
 * word.
 *
 * <p>Thread roles: {@link #park}, {@link #register}, {@link #deregister} and {@link #close} run
 * on the owner (the worker); {@link #unpark} on any thread. Blocking: park sleeps in the kernel.
 *
 * <p>Wake-up protocol (one flag, {@link #notified}, coalesces unparks into one eventfd write):
 * <ol>
 *   <li>unpark swaps {@code notified} 0 -> 1; only the thread that saw 0 writes 1 to the
 *       eventfd. Later unparks see 1 and return: a write is already on its way.</li>
 *   <li>park waits in {@code epoll_wait}; the eventfd's edge (0 -> nonzero) is reported once.</li>
 *   <li>Seeing the wake token, park first drains the eventfd (read resets the counter to 0),
 *       then swaps {@code notified} back to 0.</li>
 * </ol>
 * Correct because the flag is 1 exactly while a write is pending or undrained: step 3 drains
 * before it clears, so a write made after the drain (by an unparker that saw 0 after the
 * clear) stays in the counter and raises a new edge for the next park; an unparker that saw 1
 * between drain and clear wrote nothing, but the owner is awake and, by the swap in step 3,
 * sees what that unparker published. Clearing before draining could eat a write while the flag
 * stayed 1, after which no unpark would ever write again.
 *
 * <p>Close: unparks race with the owner's close, and writing to a closed eventfd could hit a
 * reused fd number. {@link #writers} counts unparkers inside the write (step 1) and carries a
 * CLOSED bit; close sets the bit and waits for the count to reach 0 before closing the fds.
 */
public final class EpollDriver implements Driver {

    /** Data word of the wake-up eventfd; registered fds use their slot index (>= 0). */
    private static final long WAKE_TOKEN = -1L;
    private static final int CLOSED = 1 << 30;
    private static final int DEFAULT_MAX_EVENTS = 256;
    private static final int INITIAL_SLOTS = 16;
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private static final EpollEvent EVENT = EpollEvent.current();
    private static final VarHandle NOTIFIED;
    private static final VarHandle WRITERS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            NOTIFIED = lookup.findVarHandle(EpollDriver.class, "notified", int.class);
            WRITERS = lookup.findVarHandle(EpollDriver.class, "writers", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int epfd;
    private final int eventFd;
    private final int maxEvents;
    /** Shared: unparkers read {@link #one}; the owner uses the rest. Closed by close(). */
    private final Arena arena;
    /** epoll_wait's output array; owner only. */
    private final MemorySegment events;
    /** The 8-byte counter value 1; written once here, then only read (by unparkers). */
    private final MemorySegment one;
    /** Scratch for draining the eventfd and for epoll_ctl's argument; owner only. */
    private final MemorySegment scratch;

    /** xchg by unparkers (0 -> 1) and by the owner after draining (-> 0); see steps 1-3. */
    @SuppressWarnings("unused")
    private volatile int notified;
    /** xadd by unparkers around their write; CLOSED bit set by close(). */
    @SuppressWarnings("unused")
    private volatile int writers;

    /** Owner only. Handler of each slot; null when free. */
    private EpollHandler[] handlers = new EpollHandler[INITIAL_SLOTS];
    /** Owner only. fd of each slot, for EPOLL_CTL_DEL. */
    private int[] fds = new int[INITIAL_SLOTS];
    /** Owner only. Free slots, a stack; slots freed during a park join it at the next park. */
    private int[] freeSlots = new int[0];
    private int freeCount;
    private int[] deferredFree = new int[0];
    private int deferredCount;
    /** Owner only. Slots ever handed out. */
    private int slotsUsed;
    /** Owner only. The eventfd counter at the last drain: unpark writes coalesced into it. */
    private long lastWakeCount;
    /** Owner only. */
    private boolean isClosed;

    private EpollDriver(int maxEvents) throws LinuxException {
        this.maxEvents = maxEvents;
        this.arena = Arena.ofShared();
        this.events = arena.allocate(EVENT.byteSize() * maxEvents, Long.BYTES);
        this.one = arena.allocate(EventFdFlags.COUNTER_BYTES, Long.BYTES);
        this.one.set(ValueLayout.JAVA_LONG, 0, 1L);
        this.scratch = arena.allocate(Math.max(EVENT.byteSize(), EventFdFlags.COUNTER_BYTES),
                Long.BYTES);
        int ep = -1;
        int ev = -1;
        try {
            ep = LinuxException.checkInt("epoll_create1",
                    EpollCalls.epollCreate1(EpollEvent.EPOLL_CLOEXEC));
            ev = LinuxException.checkInt("eventfd", Syscalls.eventfd(0,
                    EventFdFlags.EFD_CLOEXEC | EventFdFlags.EFD_NONBLOCK));
            EVENT.set(scratch, EpollEvent.EPOLLIN | EpollEvent.EPOLLET, WAKE_TOKEN);
            LinuxException.check("epoll_ctl(ADD eventfd)",
                    EpollCalls.epollCtl(ep, EpollEvent.EPOLL_CTL_ADD, ev, scratch));
        } catch (LinuxException | RuntimeException e) {
            if (ev >= 0) {
                Syscalls.close(ev);
            }
            if (ep >= 0) {
                Syscalls.close(ep);
            }
            arena.close();
            throw e;
        }
        this.epfd = ep;
        this.eventFd = ev;
    }

    /** A driver with room for 256 events per wait. */
    public static EpollDriver open() throws LinuxException {
        return open(DEFAULT_MAX_EVENTS);
    }

    /** A driver that takes at most {@code maxEvents} ready events per epoll_wait. */
    public static EpollDriver open(int maxEvents) throws LinuxException {
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be >= 1, was " + maxEvents);
        }
        return new EpollDriver(maxEvents);
    }

    /** One epoll driver per worker; a failing epoll_create1 or eventfd is thrown unchecked. */
    public static DriverFactory factory() {
        return workerIndex -> {
            try {
                return open();
            } catch (LinuxException e) {
                throw new UncheckedIOException("epoll driver for worker " + workerIndex, e);
            }
        };
    }

    // ---- park / unpark ----

    @Override
    public void park(long timeoutNanos) {
        releaseDeferredSlots();
        int n = EpollCalls.epollWait(epfd, events, maxEvents, toMillisRoundingUp(timeoutNanos));
        if (n < 0) {
            if (Errno.EINTR.is(n)) {
                return; // spurious return, allowed by the Driver contract
            }
            throw new UncheckedIOException(new LinuxException("epoll_wait", -n));
        }
        for (int i = 0; i < n; i++) {
            long token = EVENT.data(events, i);
            if (token == WAKE_TOKEN) {
                drainWakeups();
            } else {
                dispatch((int) token, EVENT.events(events, i));
            }
        }
    }

    @Override
    public void unpark() {
        // ordering: volatile swap; releases the caller's writes (queued tasks) to the owner.
        // Pairs with the swap to 0 in drainWakeups() (step 3).
        if ((int) NOTIFIED.getAndSet(this, 1) == 0) {
            writeWakeup();
        }
    }

    /** Step 1's write; once per park cycle, so not on the hot path of a busy unparker. */
    private void writeWakeup() {
        // ordering: volatile add; close() reads the count after setting CLOSED.
        int w = (int) WRITERS.getAndAdd(this, 1);
        try {
            if ((w & CLOSED) == 0) {
                long r = Syscalls.write(eventFd, one);
                // EAGAIN: the counter is at its maximum, so the owner is woken anyway.
                assert r == EventFdFlags.COUNTER_BYTES || Errno.EAGAIN.is(r)
                        : "eventfd write: " + r;
            }
        } finally {
            WRITERS.getAndAdd(this, -1);
        }
    }

    /** Step 3: drain, then clear the flag; never the other way round (see class doc). */
    private void drainWakeups() {
        long r = Syscalls.read(eventFd, scratch, EventFdFlags.COUNTER_BYTES);
        lastWakeCount = r == EventFdFlags.COUNTER_BYTES ? scratch.get(ValueLayout.JAVA_LONG, 0) : 0;
        // ordering: volatile swap; acquires what an unparker released with its swap to 1.
        NOTIFIED.getAndSet(this, 0);
    }

    /**
     * epoll_wait's timeout: -1 (none) for a negative timeout, else milliseconds rounded up so
     * a park never ends before its timeout unless woken.
     */
    static int toMillisRoundingUp(long timeoutNanos) {
        if (timeoutNanos < 0) {
            return -1;
        }
        long millis = timeoutNanos / NANOS_PER_MILLI
                + (timeoutNanos % NANOS_PER_MILLI == 0 ? 0 : 1);
        return (int) Math.min(millis, Integer.MAX_VALUE);
    }

    // ---- registrations ----

    /**
     * Adds {@code fd} to this epoll instance with {@code events} (include
     * {@link EpollEvent#EPOLLET} for edge-triggered) and returns its token for
     * {@link #deregister}. Owner thread only. The fd stays the caller's: deregister it before
     * closing it (epoll tracks the open file, so a dup'd fd would keep reporting).
     */
    public int register(int fd, int events, EpollHandler handler) throws LinuxException {
        if (handler == null) {
            throw new NullPointerException("handler");
        }
        checkOpen();
        int slot = allocateSlot();
        EVENT.set(scratch, events, slot);
        int r = EpollCalls.epollCtl(epfd, EpollEvent.EPOLL_CTL_ADD, fd, scratch);
        if (r < 0) {
            pushFree(slot);
            throw new LinuxException("epoll_ctl(ADD fd " + fd + ")", -r);
        }
        handlers[slot] = handler;
        fds[slot] = fd;
        return slot;
    }

    /**
     * Removes the registration {@code token}; its handler is not called again, even for events
     * already taken in the current park. Owner thread only (handlers may call it).
     */
    public void deregister(int token) throws LinuxException {
        checkOpen();
        if (token < 0 || token >= slotsUsed || handlers[token] == null) {
            throw new IllegalArgumentException("no registration with token " + token);
        }
        handlers[token] = null;
        int r = EpollCalls.epollCtl(epfd, EpollEvent.EPOLL_CTL_DEL, fds[token], MemorySegment.NULL);
        if (r < 0) {
            // The kernel may still hold the registration (e.g. the fd was closed while a dup
            // keeps the file open), so its token must never name another fd: leak the slot.
            throw new LinuxException("epoll_ctl(DEL fd " + fds[token] + ")", -r);
        }
        // The slot is reused only from the next park, so an event for the old fd still in
        // this park's array cannot reach a new registration.
        if (deferredCount == deferredFree.length) {
            deferredFree = Arrays.copyOf(deferredFree, Math.max(4, deferredCount * 2));
        }
        deferredFree[deferredCount++] = token;
    }

    private void dispatch(int slot, int readyEvents) {
        EpollHandler h = handlers[slot];
        if (h != null) {
            h.onReady(readyEvents);
        }
    }

    private int allocateSlot() {
        if (freeCount > 0) {
            return freeSlots[--freeCount];
        }
        if (slotsUsed == handlers.length) {
            handlers = Arrays.copyOf(handlers, slotsUsed * 2);
            fds = Arrays.copyOf(fds, slotsUsed * 2);
        }
        return slotsUsed++;
    }

    private void pushFree(int slot) {
        if (freeCount == freeSlots.length) {
            freeSlots = Arrays.copyOf(freeSlots, Math.max(4, freeCount * 2));
        }
        freeSlots[freeCount++] = slot;
    }

    private void releaseDeferredSlots() {
        for (int i = 0; i < deferredCount; i++) {
            pushFree(deferredFree[i]);
        }
        deferredCount = 0;
    }

    private void checkOpen() {
        if (isClosed) {
            throw new IllegalStateException("epoll driver closed");
        }
    }

    // ---- close ----

    /** Closes the epoll fd and the eventfd once; later calls do nothing. Owner thread. */
    @Override
    public void close() {
        if (isClosed) {
            return;
        }
        isClosed = true;
        // Stop new writers early (they see 1 and skip), then bar the ones already past step 1.
        NOTIFIED.getAndSet(this, 1);
        // ordering: volatile add; a writer that added before this is counted and waited for,
        // one that adds after sees CLOSED and does not write.
        WRITERS.getAndAdd(this, CLOSED);
        while (((int) WRITERS.getVolatile(this) & ~CLOSED) != 0) {
            Thread.onSpinWait();
        }
        int r1 = Syscalls.close(eventFd);
        int r2 = Syscalls.close(epfd);
        arena.close();
        if (r1 < 0 || r2 < 0) {
            throw new UncheckedIOException(new LinuxException("close(epoll driver fds)",
                    -(r1 < 0 ? r1 : r2)));
        }
    }

    // ---- test hooks ----

    /** Owner only: how many unpark writes the last drain of the eventfd found. */
    long lastWakeCount() {
        return lastWakeCount;
    }

    /** Registrations currently held. Owner only. */
    int registrations() {
        return slotsUsed - freeCount - deferredCount;
    }
}
