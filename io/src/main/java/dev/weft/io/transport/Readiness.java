package dev.weft.io.transport;

import dev.weft.runtime.Waker;
import dev.weft.runtime.sync.AtomicWaker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What a readiness backend (epoll, NIO) knows about one socket: readable and writable bits set
 * by the driver, and the wakers of the reader and the writer (Tokio's {@code ScheduledIo}).
 *
 * <p>The word packs the bits with a tick that every driver event increments, so a task that saw
 * EAGAIN clears a bit only if no event arrived since it looked:
 * <ol>
 *   <li>The driver ({@link #onEvent}) ORs in the ready bits and increments the tick in one CAS,
 *       then wakes the waiting reader and/or writer.</li>
 *   <li>A task tries its syscall while the bit is set (it starts set: sockets are assumed
 *       ready until the kernel says EAGAIN).</li>
 *   <li>On EAGAIN it registers its waker, then {@link #clear}s the bit with a CAS against the
 *       word it read before the syscall. If the CAS fails an event came in between: it tries
 *       the syscall again instead of waiting.</li>
 * </ol>
 * No wake is lost: an event before the CAS of step 3 changes the tick and fails it; an event
 * after it finds the waker registered in step 3.
 *
 * <p>Lock-free. Thread roles: the driver's owner calls {@link #onEvent}; readers and writers on
 * any worker call the rest.
 */
public final class Readiness {
    public static final int READABLE = 1;
    public static final int WRITABLE = 2;
    /** The peer hung up or an error is pending: every operation should try its syscall. */
    public static final int CLOSED = 4;

    private static final int BITS = READABLE | WRITABLE | CLOSED;
    private static final int TICK_ONE = 8;

    private static final VarHandle WORD;

    static {
        try {
            WORD = MethodHandles.lookup().findVarHandle(Readiness.class, "word", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Ready bits and tick; CAS by the driver and by tasks (steps 1 and 3). */
    @SuppressWarnings("unused")
    private volatile int word = READABLE | WRITABLE;

    private final AtomicWaker reader = new AtomicWaker();
    private final AtomicWaker writer = new AtomicWaker();

    /** The current word, to pass to {@link #clear} (step 2). */
    public int snapshot() {
        // ordering: volatile load; acquires the driver's event CAS, so the syscall that follows
        // is made after the kernel reported readiness.
        return (int) WORD.getVolatile(this);
    }

    public static boolean isSet(int snapshot, int bits) {
        return (snapshot & (bits | CLOSED)) != 0;
    }

    /**
     * Step 3: registers {@code waker} for {@code bit} and clears it if nothing happened since
     * {@code seen}. Returns false if an event came in meanwhile: try the syscall again.
     */
    public boolean clear(int seen, int bit, Waker waker) {
        (bit == READABLE ? reader : writer).register(waker);
        // ordering: volatile CAS; fails if the driver's step 1 CAS came after our snapshot.
        return WORD.compareAndSet(this, seen, seen & ~bit);
    }

    /** Registers {@code waker} for {@code bit} without clearing anything (level-triggered use). */
    public void register(int bit, Waker waker) {
        (bit == READABLE ? reader : writer).register(waker);
    }

    /** Step 1: the driver saw {@code bits} ready. Driver owner. */
    public void onEvent(int bits) {
        int cur;
        do {
            cur = (int) WORD.getVolatile(this);
            // ordering: volatile CAS; releases the event to the task that reads the word next.
        } while (!WORD.compareAndSet(this, cur, ((cur + TICK_ONE) & ~BITS) | (cur & BITS) | bits));
        if ((bits & (READABLE | CLOSED)) != 0) {
            reader.wake();
        }
        if ((bits & (WRITABLE | CLOSED)) != 0) {
            writer.wake();
        }
    }

    /** Wakes both sides, e.g. on close, so waiting tasks see the socket closed. */
    public void wakeAll() {
        onEvent(CLOSED);
    }
}
