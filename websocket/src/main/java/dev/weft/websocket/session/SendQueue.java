package dev.weft.websocket.session;

import dev.weft.io.buffer.Buffer;
import dev.weft.runtime.Waker;
import dev.weft.runtime.sync.AtomicWaker;
import dev.weft.websocket.FrameLayout;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cross-thread half of a connection: the queue senders on any thread offer to, the count
 * of bytes not yet written that the watermarks are checked against, and the waker of the
 * connection's task. Everything else of the connection belongs to its task.
 *
 * <p>Progress: {@link #offer} is lock-free (a {@code ConcurrentLinkedQueue} offer, one
 * {@code getAndAdd}, one wake). Thread roles: any thread offers; the connection's task polls,
 * re-counts encoded frames ({@link #add}), registers its waker and finishes the queue. The
 * task's own sends, while the queue is empty, only {@link #reserve} bytes here and skip the
 * queue (see {@code WebSocketConnection.sendFromTask}): no entry, no node.
 */
final class SendQueue {

    private final ConcurrentLinkedQueue<Outbound> entries = new ConcurrentLinkedQueue<>();
    /** Senders add what they queue; the task adds encoding's difference and subtracts what is written. */
    private final AtomicLong queuedBytes = new AtomicLong();
    /** Registered by the task each poll; woken by senders. */
    private final AtomicWaker wakeup = new AtomicWaker();
    private final long lowWatermarkBytes;
    private final long highWatermarkBytes;
    /** Set by a sender whose message would pass the high watermark; read and cleared by the task. */
    private volatile boolean isOverflowed;
    /** Set once by the task after its last poll of the queue; read by senders, who then drain it themselves. */
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
        entries.offer(new Outbound(opcode, payload, size, 0, null));
        if (isFinished) {
            drain(); // the task is gone; whoever polls an entry releases it
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

    /** Any thread. True if no entry waits (a snapshot). */
    boolean isEmpty() {
        // ordering: the queue's volatile reads; every offer that returned before this call is seen.
        return entries.isEmpty();
    }

    /** Any thread. Queues a close request behind the messages already queued. */
    void offerClose(int code, String reason) {
        entries.offer(new Outbound(FrameLayout.OPCODE_CLOSE, null, 0, code, reason));
        if (isFinished) {
            drain();
            return;
        }
        wake();
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

    /** Task. The oldest entry, or null. */
    Outbound poll() {
        return entries.poll();
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
        isFinished = true; // ordering: volatile; an offer after this sees it and drains its own entry
        drain();
    }

    private void drain() {
        Outbound o;
        while ((o = entries.poll()) != null) {
            o.release();
        }
    }

    long queuedBytes() {
        return queuedBytes.get();
    }

    boolean isFinished() {
        return isFinished;
    }

    int size() {
        return entries.size();
    }
}
