package dev.weft.io.uring;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.weft.io.linux.Errno;
import dev.weft.io.linux.EventFdFlags;
import dev.weft.io.linux.LinuxException;
import dev.weft.io.linux.Syscalls;
import dev.weft.runtime.driver.Driver;
import dev.weft.runtime.driver.DriverFactory;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A worker's {@link Driver} on its own io_uring: the worker sleeps in {@code io_uring_enter}
 * (GETEVENTS with an {@code EXT_ARG} timeout, no TIMEOUT SQE), reaps completions and hands
 * each to the {@link CompletionHandler} its {@link UserData} names; other threads wake it
 * through an eventfd that the ring keeps a READ armed on.
 *
 * <p>Thread roles: the owner (the first thread to {@link #park}; a worker thread) sets up,
 * submits, reaps and closes; any thread calls {@link #unpark}. The ring is created lazily on
 * the owner's first park because {@code SINGLE_ISSUER} binds it to the creating thread, and a
 * {@link DriverFactory} runs on the thread that builds the runtime. Blocking (it sleeps in the
 * kernel); unpark is one atomic swap, plus a {@code write(2)} when it is the first since the
 * last wake-up.
 *
 * <p><b>Wake-up protocol</b> ({@link #notified} is 1 from the first unpark until the owner
 * reaps the eventfd READ that it caused):
 * <ol>
 *   <li>unpark swaps {@link #notified} to 1; only the caller that saw 0 writes 1 to the
 *       eventfd. Many unparks between two wake-ups cost one write.</li>
 *   <li>The eventfd counter holds that write until the armed READ consumes it, so an unpark
 *       before a park (even before the ring exists) completes the READ as soon as the park
 *       submits or waits: that park returns promptly.</li>
 *   <li>The owner reaps the READ's CQE, stores 0 to {@link #notified} and claims a new READ
 *       SQE, submitted by the next park's enter.</li>
 *   <li>After returning from park, the owner looks for work (the worker's queues).</li>
 * </ol>
 * Correct: an unparker publishes its work before its swap in 1. If that swap is ordered after
 * the store in 3, it sees 0 and writes, and 2 ends the next park. If before, the owner is
 * between 1 and 3, its store and then its search in 4 come after the unparker's work, which
 * it finds (both sides are volatile: a Dekker pair, store then load on each side).
 *
 * <p><b>Close</b> waits for unparkers already inside their eventfd write (a count of them,
 * again a Dekker pair with {@link #isClosed}), then cancels the armed READ and waits for its
 * CQE, because the ring's teardown after {@code close(ring fd)} runs asynchronously and must
 * not find the READ's buffer freed; then unmaps the ring and closes both fds. Unparks after
 * close do nothing.
 */
public final class IoUringDriver implements Driver {

    static final int DEFAULT_SQ_ENTRIES = 256;
    static final int DEFAULT_CQ_ENTRIES = 1024;

    /** Tokens of the {@link UserData#WAKE_HANDLER}. */
    private static final long TOKEN_WAKE_READ = 1;
    private static final long TOKEN_WAKE_CANCEL = 2;
    /** How long close waits for the cancelled READ's CQE before leaking its buffer. */
    private static final long CLOSE_CANCEL_WAIT_NANOS = 100_000_000L;

    private static final VarHandle NOTIFIED;
    private static final VarHandle WRITERS;
    private static final VarHandle IS_CLOSED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            NOTIFIED = lookup.findVarHandle(IoUringDriver.class, "notified", int.class);
            WRITERS = lookup.findVarHandle(IoUringDriver.class, "writers", int.class);
            IS_CLOSED = lookup.findVarHandle(IoUringDriver.class, "isClosed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int sqEntries;
    private final int cqEntries;
    private final int eventFd;
    /** The enter argument, its timespec and the constant 1 unparkers write; freed by close. */
    private final Arena arena = Arena.ofShared();
    /** The armed READ's target; freed only once the READ is known complete. */
    private final Arena readArena = Arena.ofShared();
    private final MemorySegment one;
    private final MemorySegment readBuffer;
    private final MemorySegment enterArg;
    private final MemorySegment timespec;
    private final CompletionRegistry registry = new CompletionRegistry();

    /** Swapped to 1 by unparkers, stored 0 by the owner (protocol steps 1 and 3). */
    @SuppressWarnings("unused")
    private volatile int notified;
    /** Unparkers inside their eventfd write; incremented and decremented by them, read by close. */
    @SuppressWarnings("unused")
    private volatile int writers;
    /** Set once by close (any thread); read by unparkers and park. Never unset. */
    private volatile boolean isClosed;
    /** Written once by the owner at its first park; read by the owner and close. */
    private volatile Thread owner;
    /** Owner only. Null until the first park. */
    private IoUring ring;
    /** Owner only. Whether a wake READ is submitted or claimed and not yet reaped. */
    private boolean isReadArmed;

    IoUringDriver(int sqEntries, int cqEntries) {
        this.sqEntries = sqEntries;
        this.cqEntries = cqEntries;
        // Blocking eventfd on purpose: io_uring answers a READ on an O_NONBLOCK file with
        // -EAGAIN instead of waiting for it to become readable.
        int fd = Syscalls.eventfd(0, EventFdFlags.EFD_CLOEXEC);
        if (fd < 0) {
            arena.close();
            readArena.close();
            throw new UncheckedIOException(new LinuxException("eventfd", -fd));
        }
        this.eventFd = fd;
        this.one = arena.allocate(JAVA_LONG);
        one.set(JAVA_LONG, 0, 1L);
        this.readBuffer = readArena.allocate(EventFdFlags.COUNTER_BYTES);
        this.enterArg = arena.allocate(GeteventsArg.LAYOUT);
        this.timespec = arena.allocate(GeteventsArg.TIMESPEC_LAYOUT);
        int wakeId = registry.register(this::onWakeCompletion);
        assert wakeId == UserData.WAKE_HANDLER : "wake handler id " + wakeId;
    }

    /** Creates an {@link IoUringDriver} per worker; no ring exists until each worker parks. */
    public static DriverFactory factory() {
        return workerIndex -> new IoUringDriver(DEFAULT_SQ_ENTRIES, DEFAULT_CQ_ENTRIES);
    }

    // ---- owner: park ----

    @Override
    public void park(long timeoutNanos) {
        IoUring r = ring;
        if (r == null) {
            r = setUp();
        } else if (Thread.currentThread() != owner) {
            throw wrongThread("park");
        }
        enter(r, timeoutNanos);
        r.cq().drain(registry);
    }

    /** Submits pending SQEs and waits up to {@code timeoutNanos} for one CQE (none if 0). */
    private void enter(IoUring r, long timeoutNanos) {
        boolean shouldWait = timeoutNanos != 0 && r.cq().ready() == 0;
        int toSubmit = r.sq().flush();
        int res;
        if (shouldWait) {
            GeteventsArg.prepare(enterArg, timespec, timeoutNanos);
            res = Syscalls.ioUringEnter(r.fd(), toSubmit, 1,
                    IoUringConstants.IORING_ENTER_GETEVENTS | IoUringConstants.IORING_ENTER_EXT_ARG,
                    enterArg, GeteventsArg.SIZE);
        } else {
            res = Syscalls.ioUringEnter(r.fd(), toSubmit, 0,
                    IoUringConstants.IORING_ENTER_GETEVENTS, MemorySegment.NULL, 0);
        }
        if (res < 0 && !isSpuriousReturn(res)) {
            throw new UncheckedIOException(new LinuxException("io_uring_enter", -res));
        }
    }

    /**
     * Results that end a park early without harm (park may return spuriously): the timeout
     * (ETIME), a signal (EINTR; unconsumed SQEs stay pending for the next enter), and a full
     * CQ overflow list or a transient submit refusal (EBUSY, EAGAIN), which draining relieves.
     */
    private static boolean isSpuriousReturn(int res) {
        return Errno.ETIME.is(res) || Errno.EINTR.is(res) || Errno.EBUSY.is(res)
                || Errno.EAGAIN.is(res);
    }

    private IoUring setUp() {
        if (isClosed) {
            throw new IllegalStateException("IoUringDriver.park after close");
        }
        Thread current = Thread.currentThread();
        if (owner != null) {
            throw wrongThread("park");
        }
        IoUring r;
        try {
            r = IoUring.open(sqEntries, cqEntries);
        } catch (LinuxException e) {
            throw new UncheckedIOException("io_uring setup for a worker driver failed", e);
        }
        if (!r.setup().hasFeature(IoUringConstants.IORING_FEAT_EXT_ARG)) {
            try {
                r.close();
            } catch (LinuxException e) {
                throw new UncheckedIOException(e);
            }
            throw new UnsupportedOperationException(
                    "IoUringDriver needs IORING_FEAT_EXT_ARG (Linux 5.11); this kernel's ring: "
                            + r.setup());
        }
        owner = current;
        ring = r;
        armWakeRead();
        return r;
    }

    private IllegalStateException wrongThread(String call) {
        return new IllegalStateException("IoUringDriver." + call + " on thread '"
                + Thread.currentThread().getName() + "', but the ring belongs to '"
                + owner.getName() + "' (SINGLE_ISSUER: only the thread that parked first may"
                + " park, submit or reap)");
    }

    // ---- owner: the wake READ ----

    /** Protocol step 3: claims a READ of the eventfd counter, submitted by the next enter. */
    private void armWakeRead() {
        SubmissionQueue sq = ring.sq();
        if (sq.freeSlots() == 0) {
            submitToFreeSlot();
        }
        long sqe = sq.claim();
        MemorySegment sqes = sq.sqes();
        Sqe.clear(sqes, sqe);
        Sqe.opcode(sqes, sqe, IoUringConstants.IORING_OP_READ);
        Sqe.fd(sqes, sqe, eventFd);
        Sqe.addr(sqes, sqe, readBuffer.address());
        Sqe.len(sqes, sqe, EventFdFlags.COUNTER_BYTES);
        Sqe.userData(sqes, sqe, UserData.encode(UserData.WAKE_HANDLER, TOKEN_WAKE_READ));
        isReadArmed = true;
    }

    private void submitToFreeSlot() {
        try {
            ring.submit();
        } catch (LinuxException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void onWakeCompletion(long token, int res, int flags) {
        if (token != TOKEN_WAKE_READ) {
            // TOKEN_WAKE_CANCEL: 0, ENOENT or EALREADY all mean the READ ends on its own CQE.
            return;
        }
        isReadArmed = false;
        if (isClosed || Errno.ECANCELED.is(res)) {
            return;
        }
        if (res < 0) {
            throw new UncheckedIOException(new LinuxException("read(eventfd) via io_uring", -res));
        }
        // ordering: volatile store; step 3, the Dekker pair of unpark()'s swap: either that
        // swap sees 0 and writes the eventfd, or the owner's search after park sees its work.
        NOTIFIED.setVolatile(this, 0);
        armWakeRead();
    }

    // ---- any thread: unpark ----

    @Override
    public void unpark() {
        // ordering: volatile swap; releases the caller's work (queued tasks) before the
        // notification. Pairs with the owner's NOTIFIED.setVolatile in onWakeCompletion().
        if ((int) NOTIFIED.getAndSet(this, 1) == 0) {
            writeEventFd();
        }
    }

    private void writeEventFd() {
        // ordering: volatile add, then volatile load of isClosed; Dekker pair with close(),
        // which stores isClosed then loads writers: either we see the close and skip the
        // write, or close waits for our decrement before it closes the fd.
        WRITERS.getAndAdd(this, 1);
        try {
            if (isClosed) {
                return;
            }
            long written = Syscalls.write(eventFd, one);
            if (written < 0) {
                throw new UncheckedIOException(new LinuxException("write(eventfd)", (int) -written));
            }
        } finally {
            WRITERS.getAndAdd(this, -1);
        }
    }

    // ---- owner: close ----

    /**
     * Releases the ring and the eventfd; idempotent. Called by the owner after its last park
     * (the armed READ is then cancelled and reaped first); from another thread the kernel's
     * teardown cancels it and the READ's 8-byte buffer is left allocated rather than risk
     * the kernel writing into freed memory.
     */
    @Override
    public void close() {
        if ((boolean) IS_CLOSED.getAndSet(this, true)) {
            return;
        }
        // ordering: volatile load after the volatile swap above; see writeEventFd().
        while ((int) WRITERS.getVolatile(this) != 0) {
            Thread.onSpinWait();
        }
        UncheckedIOException failure = null;
        IoUring r = ring;
        boolean isReadDone = true;
        if (r != null) {
            isReadDone = Thread.currentThread() == owner && cancelWakeRead(r);
            try {
                r.close();
            } catch (LinuxException e) {
                failure = new UncheckedIOException("closing the io_uring", e);
            }
        }
        int closed = Syscalls.close(eventFd);
        if (closed < 0 && failure == null) {
            failure = new UncheckedIOException(new LinuxException("close(eventfd)", -closed));
        }
        arena.close();
        if (isReadDone) {
            readArena.close();
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Cancels the armed READ and reaps until its CQE arrives; false if it did not in time. */
    private boolean cancelWakeRead(IoUring r) {
        if (!isReadArmed) {
            return true;
        }
        SubmissionQueue sq = r.sq();
        if (sq.freeSlots() == 0) {
            submitToFreeSlot();
        }
        long sqe = sq.claim();
        MemorySegment sqes = sq.sqes();
        Sqe.clear(sqes, sqe);
        Sqe.opcode(sqes, sqe, IoUringConstants.IORING_OP_ASYNC_CANCEL);
        Sqe.addr(sqes, sqe, UserData.encode(UserData.WAKE_HANDLER, TOKEN_WAKE_READ));
        Sqe.userData(sqes, sqe, UserData.encode(UserData.WAKE_HANDLER, TOKEN_WAKE_CANCEL));
        long deadline = System.nanoTime() + CLOSE_CANCEL_WAIT_NANOS;
        while (isReadArmed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            enter(r, left);
            r.cq().drain(registry);
        }
        return true;
    }

    // ---- for the operations that plug in later, and tests ----

    /** Adds a handler for CQEs whose user_data names the returned id. Owner thread. */
    int registerHandler(CompletionHandler handler) {
        return registry.register(handler);
    }

    /** The eventfd counter the last wake READ consumed (diagnostic: shows coalescing). Owner. */
    long lastWakeCount() {
        return readBuffer.get(JAVA_LONG, 0);
    }

    /**
     * The ring, set up now if the owner has not parked yet (the caller becomes the owner).
     * Owner thread.
     */
    IoUring ring() {
        IoUring r = ring;
        if (r == null) {
            return setUp();
        }
        if (Thread.currentThread() != owner) {
            throw wrongThread("submit");
        }
        return r;
    }

    /** Whether the calling thread owns the ring (false before the ring exists). Any thread. */
    boolean isOwnerThread() {
        return owner == Thread.currentThread();
    }

    /** Reaps what is ready and waits at most {@code timeoutNanos} for more. Owner thread. */
    void reap(long timeoutNanos) {
        IoUring r = ring();
        enter(r, timeoutNanos);
        r.cq().drain(registry);
    }

    /** The ring, once the owner has parked; null before. Owner thread. */
    IoUring ringOrNull() {
        return ring;
    }
}
