package dev.weft.websocket.session;

import dev.weft.io.buffer.Buffer;
import dev.weft.runtime.Waker;
import dev.weft.runtime.sync.AtomicWaker;
import dev.weft.websocket.FrameLayout;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cross-thread half of a connection: the queue senders on any thread offer to, the count
 * of bytes not yet written that the watermarks are checked against, and the waker of the
 * connection's task. Everything else of the connection belongs to its task.
 *
 * <p>The queue is two {@link SendEntries} lists (parallel arrays, no object per entry):
 * senders append to {@code incoming} under this object's monitor; the task swaps it with its
 * own emptied {@code taken} list under the same monitor and reads {@code taken} without it.
 * The monitor orders everything: an entry's fields, written by its sender before it unlocks,
 * are seen by the task after the lock that swaps the list.
 *
 * <p>Progress: {@link #offer} is blocking, but only for the monitor around an append (or the
 * task's swap of two references); a platform thread parks on it without allocating. It allocates
 * nothing once the lists have grown to the connection's busiest burst. Thread roles: any
 * thread offers; the connection's task takes entries ({@link #next}), re-counts encoded frames
 * ({@link #add}), registers its waker and finishes the queue. The task's own sends, while the
 * queue is empty, only {@link #reserve} bytes here and skip the queue (see
 * {@code WebSocketConnection.sendFromTask}).
 */
final class SendQueue {

    /** Guarded by this. Entries offered and not yet taken, oldest first. */
    private SendEntries incoming = new SendEntries();
    /** Task only. The entries taken by the last swap; {@code [takenNext, size)} are still to be read. */
    private SendEntries taken = new SendEntries();
    /** Task only. The next entry of {@code taken} to read. */
    private int takenNext;
    /** Task only. The entry {@link #next} moved to, read through the accessors. */
    private int current = -1;
    /** Written under the monitor (the size of {@code incoming}); read by the task without it. */
    private volatile int incomingCount;
    /** Senders add what they queue; the task adds encoding's difference and subtracts what is written. */
    private final AtomicLong queuedBytes = new AtomicLong();
    /** Registered by the task each poll; woken by senders. */
    private final AtomicWaker wakeup = new AtomicWaker();
    private final long lowWatermarkBytes;
    private final long highWatermarkBytes;
    /** Set by a sender whose message would pass the high watermark; read and cleared by the task. */
    private volatile boolean isOverflowed;
    /** Set once by the task (under the monitor) after its last take; senders then release their own entry. */
    private volatile boolean isFinished;
    /** The thread polling the task right now, or null: written by the task, read by senders to skip a self-wake. */
    private volatile Thread pollingThread;

    SendQueue(long lowWatermarkBytes, long highWatermarkBytes) {
        this.lowWatermarkBytes = lowWatermarkBytes;
        this.highWatermarkBytes = highWatermarkBytes;
    }

    /** Any thread. Queues a message or ping (taking over {@code payload}), or refuses past the high watermark. */
    SendStatus offer(int opcode, Buffer payload) {
        long size = payload.readableBytes();
        long after = reserve(size);
        if (after < 0) {
            payload.release();
            return SendStatus.OVERFLOW;
        }
        if (!append(opcode, payload, size, 0, null)) {
            payload.release(); // the task is gone
            return SendStatus.CLOSED;
        }
        wake();
        return statusAt(after);
    }

    /**
     * Any thread. Counts {@code size} more queued bytes and returns the new count; past the high
     * watermark counts nothing, flags the overflow for the task and returns -1.
     */
    long reserve(long size) {
        long after = queuedBytes.addAndGet(size);
        if (after > highWatermarkBytes) {
            queuedBytes.addAndGet(-size);
            isOverflowed = true;
            wake();
            return -1;
        }
        return after;
    }

    /** The status of a send that took the count to {@code queuedBytesAfter}. */
    SendStatus statusAt(long queuedBytesAfter) {
        return queuedBytesAfter > lowWatermarkBytes ? SendStatus.SLOW : SendStatus.QUEUED;
    }

    /**
     * Any thread. True while the calling thread is polling the connection's task, so it runs the
     * task's code (a handler callback) and may touch task-only state.
     */
    boolean isPolledByCurrentThread() {
        // ordering: volatile read; a thread only ever finds itself here between its own writes
        // in beginPoll() and endPoll(), so no other thread's write needs to be seen.
        return pollingThread == Thread.currentThread();
    }

    /** Task. True if no entry waits, taken or not (a snapshot). */
    boolean isEmpty() {
        // ordering: volatile read; every offer that returned before this call wrote it under the
        // monitor before returning, so it is seen.
        return takenNext == taken.size() && incomingCount == 0;
    }

    /** Any thread. Queues a close request behind the messages already queued. */
    void offerClose(int code, String reason) {
        if (append(FrameLayout.OPCODE_CLOSE, null, 0, code, reason)) {
            wake();
        }
    }

    /** Any thread. Appends an entry; false (nothing appended) once the task has finished. */
    private boolean append(int opcode, Buffer payload, long bytes, int closeCode, String closeReason) {
        // ordering: the monitor; the entry's fields are published to the task by this unlock,
        // which pairs with the lock in next().
        synchronized (this) {
            if (isFinished) {
                return false;
            }
            incoming.add(opcode, payload, bytes, closeCode, closeReason);
            incomingCount = incoming.size();
        }
        return true;
    }

    private void wake() {
        if (pollingThread != Thread.currentThread()) { // the polling task takes the queue before it parks
            wakeup.wake();
        }
    }

    /** Task. Called at the start of each poll. */
    void beginPoll(Waker waker) {
        pollingThread = Thread.currentThread();
        wakeup.register(waker);
    }

    /** Task. Called at the end of each poll. */
    void endPoll() {
        pollingThread = null;
    }

    /**
     * Task. Moves to the oldest entry not yet read, whose fields the accessors below then return;
     * false when none is left. Reading it takes over its payload.
     */
    boolean next() {
        if (takenNext == taken.size()) {
            taken.clear();
            takenNext = 0;
            if (incomingCount == 0) {
                return false; // a sender between its append and this read wakes the task again
            }
            // ordering: the monitor; pairs with the unlock in append(), so every field of the
            // swapped entries is seen.
            synchronized (this) {
                SendEntries full = incoming;
                incoming = taken;
                taken = full;
                incomingCount = 0;
            }
        }
        current = takenNext++;
        return true;
    }

    /** Task. The current entry's opcode (a data or control opcode of {@link FrameLayout}). */
    int opcode() {
        return taken.opcode(current);
    }

    /** Task. The current entry's message or ping body (now the caller's), null for a close request. */
    Buffer payload() {
        return taken.payload(current);
    }

    /** Task. What the current entry added to the queued-bytes count. */
    long entryBytes() {
        return taken.queuedBytes(current);
    }

    /** Task. The current close request's code. */
    int closeCode() {
        return taken.closeCode(current);
    }

    /** Task. The current close request's reason. */
    String closeReason() {
        return taken.closeReason(current);
    }

    /** Task. True once after a sender overflowed the queue. */
    boolean takeOverflow() {
        if (!isOverflowed) {
            return false;
        }
        isOverflowed = false;
        return true;
    }

    /** Task. Adjusts the count: encoded frames added (positive), written or dropped ones (negative). */
    void add(long bytes) {
        queuedBytes.addAndGet(bytes);
    }

    /** Task. No more entries will be taken: later offers drain themselves; drains what is there now. */
    void finish() {
        taken.releaseFrom(takenNext);
        taken.clear();
        takenNext = 0;
        // ordering: the monitor; an append after this unlock sees isFinished and keeps its entry out.
        synchronized (this) {
            isFinished = true;
            incoming.releaseFrom(0);
            incoming.clear();
            incomingCount = 0;
        }
    }

    long queuedBytes() {
        return queuedBytes.get();
    }

    boolean isFinished() {
        return isFinished;
    }

    /** A snapshot for diagnostics (task-only state may be stale from another thread). */
    int size() {
        return incomingCount + taken.size() - takenNext;
    }
}
