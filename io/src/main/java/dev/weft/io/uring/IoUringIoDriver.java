package dev.weft.io.uring;

import dev.weft.io.IoBackend;
import dev.weft.io.IoDriver;
import dev.weft.io.TcpOptions;
import dev.weft.io.buffer.BufferPool;
import dev.weft.io.linux.LinuxException;
import dev.weft.io.transport.FdSockets;
import dev.weft.io.transport.ListenerTransport;
import dev.weft.io.transport.OwnedSocket;
import dev.weft.io.transport.OwnerTasks;
import dev.weft.io.transport.SocketTable;
import dev.weft.io.transport.StreamTransport;
import dev.weft.runtime.driver.DriverFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;

/**
 * The io_uring backend of {@link IoDriver}: a worker's {@link IoUringDriver} plus its socket
 * operations — multishot ACCEPT, multishot RECV into a {@link BufferRing}, SEND / SENDMSG (and
 * their zero-copy forms above a size), POLL_ADD for connects, ASYNC_CANCEL on close.
 *
 * <p>Each SQE's user_data names this driver's handler and the op's slot in {@link #ops}, so a
 * CQE reaches its {@link UringOp} in one array load. A socket's multishot RECV lives on the ring
 * of the worker that accepted or connected it (its home); a send goes on the ring of whichever
 * worker polls the writing task (any ring may operate on any fd) and completes there.
 *
 * <p>Thread roles: the owner (the worker that parks here; with {@code SINGLE_ISSUER} the only
 * thread that may submit) claims SQEs, reaps and closes. Other threads hand work to it with
 * {@link #execute}.
 */
public final class IoUringIoDriver implements IoDriver {
    static final int SQ_ENTRIES = 1024;
    static final int CQ_ENTRIES = 8192;
    private static final long CLOSE_DRAIN_NANOS = 200_000_000L;

    private final IoUringDriver driver;
    private final BufferPool pool;
    private final int readBufferSize;
    private final int bufferRingEntries;
    private final long zeroCopyThreshold;
    private final int handlerId;
    private final OwnerTasks ownerTasks = new OwnerTasks();
    /** Owner only. */
    private final OpTable ops = new OpTable();
    /** Owner only. */
    private final SocketTable sockets = new SocketTable();
    /** Owner only; created with the first socket. */
    private BufferRing bufferRing;

    IoUringIoDriver(BufferPool pool, int readBufferSize, int bufferRingEntries, long zeroCopyThreshold) {
        this.driver = new IoUringDriver(SQ_ENTRIES, CQ_ENTRIES);
        this.pool = pool;
        this.readBufferSize = readBufferSize;
        this.bufferRingEntries = bufferRingEntries;
        this.zeroCopyThreshold = zeroCopyThreshold;
        this.handlerId = driver.registerHandler((token, res, flags) -> ops.complete((int) token,
                res, flags, (flags & IoUringConstants.IORING_CQE_F_MORE) == 0));
    }

    /**
     * One ring per worker; receive buffers of {@code readBufferSize} bytes, {@code
     * bufferRingEntries} of them provided to the kernel per worker; sends of at least {@code
     * zeroCopyThreshold} bytes use SEND_ZC.
     */
    public static DriverFactory factory(BufferPool pool, int readBufferSize, int bufferRingEntries,
                                        long zeroCopyThreshold) {
        return workerIndex -> new IoUringIoDriver(pool, readBufferSize, bufferRingEntries,
                zeroCopyThreshold);
    }

    @Override
    public IoBackend backend() {
        return IoBackend.IO_URING;
    }

    @Override
    public BufferPool bufferPool() {
        return pool;
    }

    long zeroCopyThreshold() {
        return zeroCopyThreshold;
    }

    @Override
    public ListenerTransport listen(InetSocketAddress address, TcpOptions options) throws IOException {
        driver.ring();
        int fd = FdSockets.listen(address, options);
        return UringListener.start(this, fd, options);
    }

    @Override
    public StreamTransport connect(InetSocketAddress address, TcpOptions options) throws IOException {
        driver.ring();
        int fd = FdSockets.startConnect(address, options);
        return UringStream.connecting(this, fd);
    }

    // ---- submission (owner) ----

    /** The buffer ring multishot receives pick from, created on first use. Owner. */
    BufferRing bufferRing() {
        if (bufferRing == null) {
            try {
                bufferRing = new BufferRing(driver.ring(), pool, readBufferSize, bufferRingEntries,
                        (short) 0);
            } catch (LinuxException e) {
                throw new UncheckedIOException("io_uring buffer ring", e);
            }
        }
        return bufferRing;
    }

    /**
     * Claims an SQE for {@code op} with {@code opcode} on {@code fd}, its user_data set; the
     * caller fills the rest through {@link #sqes()}. Owner.
     */
    long prepare(UringOp op, byte opcode, int fd) {
        IoUring ring = driver.ring();
        SubmissionQueue sq = ring.sq();
        if (sq.freeSlots() == 0) {
            try {
                ring.submit();
            } catch (LinuxException e) {
                throw new UncheckedIOException("io_uring submit", e);
            }
        }
        long sqe = sq.claim();
        MemorySegment sqes = sq.sqes();
        Sqe.clear(sqes, sqe);
        Sqe.opcode(sqes, sqe, opcode);
        Sqe.fd(sqes, sqe, fd);
        Sqe.userData(sqes, sqe, UserData.encode(handlerId, ops.add(op)));
        return sqe;
    }

    MemorySegment sqes() {
        return driver.ring().sq().sqes();
    }

    /** Asks the kernel to cancel {@code op}; its last CQE still arrives (with -ECANCELED). Owner. */
    void cancel(UringOp op) {
        if (!op.isInFlight()) {
            return;
        }
        long target = UserData.encode(handlerId, op.slot);
        long sqe = prepare(new Ignored(), IoUringConstants.IORING_OP_ASYNC_CANCEL, -1);
        Sqe.addr(sqes(), sqe, target);
    }

    /** The CQE of an ASYNC_CANCEL: 0, -ENOENT or -EALREADY; the target's own CQE tells the rest. */
    private static final class Ignored extends UringOp {
        @Override
        void onCqe(int res, int flags, boolean isLast) {}
    }

    void track(OwnedSocket socket) {
        sockets.add(socket);
    }

    void untrack(OwnedSocket socket) {
        sockets.remove(socket);
    }

    /** Runs {@code action} now on the owner, else on the owner at its next park. */
    void onOwner(Runnable action) {
        if (driver.isOwnerThread()) {
            action.run();
        } else {
            execute(action);
        }
    }

    @Override
    public void execute(Runnable action) {
        ownerTasks.add(action);
        driver.unpark();
    }

    @Override
    public boolean isOwnerThread() {
        return driver.isOwnerThread();
    }

    // ---- Driver ----

    @Override
    public void park(long timeoutNanos) {
        ownerTasks.runAll();
        driver.park(ownerTasks.isEmpty() ? timeoutNanos : 0);
        ownerTasks.runAll();
    }

    @Override
    public void unpark() {
        driver.unpark();
    }

    /**
     * Closes the sockets still open, waits (bounded) for the kernel's last CQE of every op so
     * no buffer is freed under it, then releases the buffer ring and the ring. Owner.
     */
    @Override
    public void close() {
        ownerTasks.runAll();
        sockets.closeAll();
        ownerTasks.runAll();
        boolean drained = true;
        if (driver.ringOrNull() != null) {
            if (ops.inFlight() > 0) {
                // Whatever is still in the kernel (a send to a peer that never reads, ops of
                // streams homed on other workers): cancel it all, so every op's last CQE comes.
                long sqe = prepare(new Ignored(), IoUringConstants.IORING_OP_ASYNC_CANCEL, -1);
                Sqe.opFlags(sqes(), sqe, IoUringConstants.IORING_ASYNC_CANCEL_ALL
                        | IoUringConstants.IORING_ASYNC_CANCEL_ANY);
            }
            long deadline = System.nanoTime() + CLOSE_DRAIN_NANOS;
            while (ops.inFlight() > 0 && System.nanoTime() < deadline) {
                driver.reap(deadline - System.nanoTime());
                ownerTasks.runAll();
            }
            drained = ops.inFlight() == 0;
        }
        // The ring's buffers are safe to free once no receive can pick one; a send still
        // waiting (a zero-copy notification for data a peer never took) keeps only its own.
        if (bufferRing != null && !ops.anyUsesBufferRing()) {
            bufferRing.close();
        }
        driver.close();
        if (!drained) {
            throw new IllegalStateException(ops.inFlight() + " io_uring operations "
                    + ops.describeInFlight() + " did not complete within " + CLOSE_DRAIN_NANOS / 1_000_000 + " ms of close; their "
                    + "buffers are left allocated rather than freed under the kernel");
        }
    }

    /** Operations in flight (test hook). Owner. */
    int inFlight() {
        return ops.inFlight();
    }
}
