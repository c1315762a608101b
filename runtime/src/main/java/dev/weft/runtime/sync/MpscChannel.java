package dev.weft.runtime.sync;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The state an {@link Mpsc} channel's senders and receiver share.
 *
 * <h2>Protocol</h2>
 * <ol>
 *   <li>Send: (bounded) take one permit from {@link #capacity}; offer to {@link #queue}; wake
 *       {@link #rxWaker}. The receiver returns the permit when it takes the value.</li>
 *   <li>Last sender closes: the decrement of {@link #senders} to 0 sets {@link #txClosed} and
 *       wakes the receiver. Each sender's offers precede its own decrement, and the decrements
 *       form one RMW chain, so a receiver that sees txClosed and then finds the queue empty has
 *       seen every value.</li>
 *   <li>Receiver closes: sets {@link #rxClosed} and closes {@link #capacity}; senders then get
 *       CLOSED, and waiting bounded senders fail. Buffered values can still be received.</li>
 * </ol>
 */
final class MpscChannel<T> {

    private static final VarHandle SENDERS;

    static {
        try {
            SENDERS = MethodHandles.lookup().findVarHandle(MpscChannel.class, "senders", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final MpscQueue<T> queue = new MpscQueue<>();
    final AtomicWaker rxWaker = new AtomicWaker();
    /** Free slots of a bounded channel; null when unbounded. */
    final Semaphore capacity;
    /** Open sender handles; changed by any sender thread through SENDERS. */
    private volatile int senders = 1;
    /** Set once by the thread that closes the last sender; read by the receiver. */
    volatile boolean txClosed;
    /** Set once by the receiver; read by senders. */
    volatile boolean rxClosed;

    MpscChannel(Semaphore capacity) {
        this.capacity = capacity;
    }

    /** Step 1 after the permit: publishes the value and wakes the receiver. */
    void push(T value) {
        queue.offer(value);
        rxWaker.wake();
    }

    void addSender() {
        // ordering: volatile RMW; the caller holds an open sender, so the count is at least 1.
        int prev = (int) SENDERS.getAndAdd(this, 1);
        assert prev > 0 : "sender cloned from a closed channel side: senders=" + prev;
    }

    /** Step 2. */
    void dropSender() {
        // ordering: volatile RMW; releases this sender's offers to the receiver via txClosed.
        int prev = (int) SENDERS.getAndAdd(this, -1);
        if (prev == 1) {
            // ordering: volatile store after the RMW chain; pairs with the receiver's volatile
            // read in Mpsc.Receiver.take(), after which every offer is linked (step 2).
            txClosed = true;
            rxWaker.wake();
        }
    }

    /** Step 3. */
    void closeReceiver() {
        // ordering: volatile store; senders' volatile reads see it on their next send (step 3).
        rxClosed = true;
        if (capacity != null) {
            capacity.close();
        }
    }

    /** Receiver only: gives the slot of a taken value back to senders. */
    void releaseSlot() {
        if (capacity != null) {
            capacity.release(1);
        }
    }
}
