package dev.weft.io.uring;

import static dev.weft.io.uring.IoUringConstants.IORING_SETUP_COOP_TASKRUN;
import static dev.weft.io.uring.IoUringConstants.IORING_SETUP_CQSIZE;
import static dev.weft.io.uring.IoUringConstants.IORING_SETUP_DEFER_TASKRUN;
import static dev.weft.io.uring.IoUringConstants.IORING_SETUP_SINGLE_ISSUER;

import dev.weft.io.linux.Errno;
import dev.weft.io.linux.LinuxException;
import dev.weft.io.linux.Mapping;
import dev.weft.io.linux.Syscalls;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * One io_uring instance: the ring fd, its three (or two, with {@code FEAT_SINGLE_MMAP})
 * mappings, and its {@link SubmissionQueue} and {@link CompletionQueue}.
 *
 * <p>Thread role: one owner thread creates, submits, reaps and closes. With
 * {@code SINGLE_ISSUER} the kernel binds the ring to the creating thread and fails submits
 * from any other with {@code EEXIST}; create it on the (platform) worker thread that will use
 * it, never on a virtual thread, whose carrier changes.
 *
 * <p>Setup, as liburing's {@code io_uring_queue_init_params} + {@code io_uring_mmap}:
 * <ol>
 *   <li>{@code io_uring_setup} with the preferred flags; on {@code EINVAL} (an older kernel)
 *       drop DEFER_TASKRUN, then SINGLE_ISSUER, then COOP_TASKRUN, then CQSIZE, recording
 *       each refusal; any other errno fails at once.</li>
 *   <li>Map the SQ ring ({@code sq_off.array + 4 * sq_entries} bytes) and the CQ ring
 *       ({@code cq_off.cqes + 16 * cq_entries}); with FEAT_SINGLE_MMAP one mapping of the
 *       larger size serves both.</li>
 *   <li>Map the SQE array ({@code 64 * sq_entries}).</li>
 * </ol>
 * A failure after step 1 unmaps what was mapped and closes the fd before throwing.
 */
public final class IoUring implements AutoCloseable {

    /** What {@link #open(int, int)} asks for; each is dropped in this order on EINVAL. */
    public static final int PREFERRED_FLAGS = IORING_SETUP_SINGLE_ISSUER
            | IORING_SETUP_DEFER_TASKRUN | IORING_SETUP_COOP_TASKRUN | IORING_SETUP_CQSIZE;
    private static final int[] FALLBACK_ORDER = {
        IORING_SETUP_DEFER_TASKRUN, IORING_SETUP_SINGLE_ISSUER, IORING_SETUP_COOP_TASKRUN,
        IORING_SETUP_CQSIZE,
    };
    /** Flags this class can run with; SQPOLL, IOPOLL, SQE128, CQE32, NO_MMAP need more code. */
    private static final int SUPPORTED_FLAGS = PREFERRED_FLAGS;
    /** {@code IORING_MAX_ENTRIES} in io_uring.c. */
    public static final int MAX_SQ_ENTRIES = 32768;
    /**
     * {@code IORING_MAX_CQ_ENTRIES} in io_uring.c. Checked here so that an EINVAL from the
     * kernel means "flag unknown", the only EINVAL the fallback should step down on.
     */
    public static final int MAX_CQ_ENTRIES = 2 * MAX_SQ_ENTRIES;
    private static final int INT_BYTES = Integer.BYTES;

    private final int fd;
    private final SetupReport setup;
    private final Mapping sqRing;
    /** Same object as {@link #sqRing} with FEAT_SINGLE_MMAP. */
    private final Mapping cqRing;
    private final Mapping sqeArray;
    private final SubmissionQueue sq;
    private final CompletionQueue cq;
    /** Owner thread only. */
    private boolean isClosed;

    private IoUring(int fd, SetupReport setup, Mapping sqRing, Mapping cqRing, Mapping sqeArray,
                    MemorySegment params) {
        this.fd = fd;
        this.setup = setup;
        this.sqRing = sqRing;
        this.cqRing = cqRing;
        this.sqeArray = sqeArray;
        this.sq = new SubmissionQueue(sqRing.segment(), sqeArray.segment(), params);
        this.cq = new CompletionQueue(cqRing.segment(), params);
    }

    /** A ring with {@link #PREFERRED_FLAGS}, falling back as the class doc says. */
    public static IoUring open(int sqEntries, int cqEntries) throws LinuxException {
        return open(sqEntries, cqEntries, PREFERRED_FLAGS);
    }

    /**
     * A ring asking first for {@code preferredFlags} (a subset of {@link #PREFERRED_FLAGS}).
     *
     * @param sqEntries 1..{@value #MAX_SQ_ENTRIES}; the kernel rounds up to a power of two
     * @param cqEntries {@code sqEntries..}{@value #MAX_CQ_ENTRIES}; used only while CQSIZE is
     *     accepted (the kernel's default is twice the SQ size)
     * @throws LinuxException naming {@code io_uring_setup} and the errno when the kernel
     *     refuses even the smallest flag set, or naming the failed mmap
     */
    public static IoUring open(int sqEntries, int cqEntries, int preferredFlags)
            throws LinuxException {
        if (sqEntries < 1 || sqEntries > MAX_SQ_ENTRIES) {
            throw new IllegalArgumentException(
                    "sqEntries must be 1.." + MAX_SQ_ENTRIES + "; got " + sqEntries);
        }
        if (cqEntries < sqEntries || cqEntries > MAX_CQ_ENTRIES) {
            throw new IllegalArgumentException("cqEntries must be sqEntries.." + MAX_CQ_ENTRIES
                    + "; got cq=" + cqEntries + " sq=" + sqEntries);
        }
        if ((preferredFlags & ~SUPPORTED_FLAGS) != 0) {
            throw new IllegalArgumentException("unsupported setup flags: "
                    + IoUringConstants.describeSetupFlags(preferredFlags & ~SUPPORTED_FLAGS));
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment params = arena.allocate(IoUringParams.LAYOUT);
            List<Integer> rejected = new ArrayList<>();
            int flags = preferredFlags;
            int fd;
            while (true) {
                IoUringParams.prepare(params, flags, cqEntries);
                fd = Syscalls.ioUringSetup(sqEntries, params);
                if (fd >= 0) {
                    break;
                }
                int next = Errno.EINVAL.is(fd) ? weaker(flags) : -1;
                if (next < 0) {
                    throw new LinuxException("io_uring_setup", -fd);
                }
                rejected.add(flags);
                flags = next;
            }
            SetupReport report = new SetupReport(preferredFlags, flags, rejected,
                    IoUringParams.features(params), IoUringParams.sqEntries(params),
                    IoUringParams.cqEntries(params));
            return mapRings(fd, report, params);
        }
    }

    /** The flag set to try after {@code flags} was refused, or -1 when none is left. */
    static int weaker(int flags) {
        for (int flag : FALLBACK_ORDER) {
            if ((flags & flag) != 0) {
                return flags & ~flag;
            }
        }
        return -1;
    }

    private static IoUring mapRings(int fd, SetupReport report, MemorySegment params)
            throws LinuxException {
        long sqRingBytes = IoUringParams.sqOff(params, IoUringParams.SQ_OFF_ARRAY)
                + (long) report.sqEntries() * INT_BYTES;
        long cqRingBytes = IoUringParams.cqOff(params, IoUringParams.CQ_OFF_CQES)
                + (long) report.cqEntries() * Cqe.SIZE;
        boolean isSingleMmap = report.hasFeature(IoUringConstants.IORING_FEAT_SINGLE_MMAP);
        Mapping sqRing = null;
        Mapping cqRing = null;
        try {
            if (isSingleMmap) {
                sqRing = Mapping.mapShared("mmap(SQ+CQ ring)", fd,
                        Math.max(sqRingBytes, cqRingBytes), IoUringConstants.IORING_OFF_SQ_RING);
                cqRing = sqRing;
            } else {
                sqRing = Mapping.mapShared("mmap(SQ ring)", fd, sqRingBytes,
                        IoUringConstants.IORING_OFF_SQ_RING);
                cqRing = Mapping.mapShared("mmap(CQ ring)", fd, cqRingBytes,
                        IoUringConstants.IORING_OFF_CQ_RING);
            }
            Mapping sqes = Mapping.mapShared("mmap(SQEs)", fd,
                    (long) report.sqEntries() * Sqe.SIZE, IoUringConstants.IORING_OFF_SQES);
            return new IoUring(fd, report, sqRing, cqRing, sqes, params);
        } catch (LinuxException e) {
            closeQuietlyAfter(e, cqRing != sqRing ? cqRing : null, sqRing);
            int closed = Syscalls.close(fd);
            if (closed < 0) {
                e.addSuppressed(new LinuxException("close", -closed));
            }
            throw e;
        }
    }

    private static void closeQuietlyAfter(LinuxException cause, Mapping... mappings) {
        for (Mapping m : mappings) {
            if (m == null) {
                continue;
            }
            try {
                m.close();
            } catch (LinuxException suppressed) {
                cause.addSuppressed(suppressed);
            }
        }
    }

    public int fd() {
        return fd;
    }

    public SetupReport setup() {
        return setup;
    }

    public SubmissionQueue sq() {
        return sq;
    }

    public CompletionQueue cq() {
        return cq;
    }

    /** Claims an SQE and fills it as a NOP carrying {@code userData}. */
    public void prepNop(long userData) {
        Sqe.prepNop(sq.sqes(), sq.claim(), userData);
    }

    /**
     * Publishes the claimed SQEs and enters the kernel once: it consumes them, runs pending
     * task work (always GETEVENTS, which DEFER_TASKRUN needs to post completions) and, when
     * {@code waitNr > 0}, blocks until that many CQEs are ready. A signal can end the wait
     * early: when SQEs were consumed the kernel returns their count and drops the wait's
     * EINTR, so drain what is {@link CompletionQueue#ready()} rather than assume
     * {@code waitNr}. An EINTR with nothing consumed is retried.
     *
     * @return the number of SQEs the kernel consumed
     * @throws LinuxException naming {@code io_uring_enter} (e.g. EBUSY when the CQ overflow
     *     list is full, EEXIST when called from a thread other than the SINGLE_ISSUER owner)
     */
    public int submitAndWait(int waitNr) throws LinuxException {
        while (true) {
            int toSubmit = sq.flush();
            int r = Syscalls.ioUringEnter(fd, toSubmit, waitNr,
                    IoUringConstants.IORING_ENTER_GETEVENTS, MemorySegment.NULL, 0);
            if (r >= 0) {
                return r;
            }
            if (!Errno.EINTR.is(r)) {
                throw new LinuxException("io_uring_enter", -r);
            }
            // EINTR: nothing was consumed (the kernel returns the count if any were), so the
            // same SQEs are still pending and flush() recounts them.
        }
    }

    /** {@code submitAndWait(0)}: submit without blocking. */
    public int submit() throws LinuxException {
        return submitAndWait(0);
    }

    public boolean isClosed() {
        return isClosed;
    }

    /**
     * Unmaps the rings and closes the fd; the kernel cancels anything still in flight. Once
     * only; later calls do nothing. Errors are collected: the first is thrown with the
     * others suppressed, after every step has run.
     */
    @Override
    public void close() throws LinuxException {
        if (isClosed) {
            return;
        }
        isClosed = true;
        LinuxException first = null;
        for (Mapping m : new Mapping[] {sqeArray, cqRing != sqRing ? cqRing : null, sqRing}) {
            if (m == null) {
                continue;
            }
            try {
                m.close();
            } catch (LinuxException e) {
                first = chain(first, e);
            }
        }
        int closed = Syscalls.close(fd);
        if (closed < 0) {
            first = chain(first, new LinuxException("close(io_uring fd)", -closed));
        }
        if (first != null) {
            throw first;
        }
    }

    private static LinuxException chain(LinuxException first, LinuxException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}
