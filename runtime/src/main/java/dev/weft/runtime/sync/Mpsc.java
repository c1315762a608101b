package dev.weft.runtime.sync;

import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Multi-producer single-consumer channels (Tokio's {@code sync::mpsc}).
 *
 * <p>{@link #bounded(int)} holds at most {@code capacity} values: {@link Sender#send} waits for
 * a free slot (waiting senders are served FIFO), {@link Sender#trySend} reports FULL.
 * {@link #unbounded()} never waits. Values go through a lock-free {@link MpscQueue}; capacity is
 * a {@link Semaphore}, whose fast path is one CAS, so neither side takes a lock unless a sender
 * has to wait.
 *
 * <p>End of stream: {@link Receiver#recv()} yields {@link Recv.Item} for each value (null values
 * allowed) and {@link Recv.Closed} once every sender handle has been closed and the buffer is
 * drained, or after {@link Receiver#close()} once the buffer is drained. A send whose receiver
 * has closed throws {@link ChannelClosedException} ({@code send}) or returns CLOSED
 * ({@code trySend}). Sender handles are counted: {@link Sender#clone()} makes one more, each
 * must be closed once.
 *
 * <p>Consistency: trySend and tryRecv of the unbounded channel are linearizable (checked with
 * Lincheck). The bounded channel relaxes one case, as Tokio's does: a slot is reserved before the
 * value is published, so trySend may report FULL while a concurrent send holds a reserved slot
 * whose value the receiver cannot see yet.
 *
 * <p>Thread roles: any number of threads send (each handle may be shared); one task at a time
 * receives. Protocol: {@link MpscChannel}.
 */
public final class Mpsc {

    private Mpsc() {}

    /** Both ends of a new channel. */
    public record Pair<T>(Sender<T> sender, Receiver<T> receiver) {}

    public static <T> Pair<T> bounded(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("mpsc capacity must be at least 1, got " + capacity);
        }
        return pair(new MpscChannel<>(new Semaphore(capacity)));
    }

    public static <T> Pair<T> unbounded() {
        return pair(new MpscChannel<>(null));
    }

    private static <T> Pair<T> pair(MpscChannel<T> chan) {
        return new Pair<>(new Sender<>(chan), new Receiver<>(chan));
    }

    /** One sending handle. Close each handle once; the receiver ends when all are closed. */
    public static final class Sender<T> implements AutoCloseable {
        private static final VarHandle CLOSED;

        static {
            try {
                CLOSED = MethodHandles.lookup().findVarHandle(Sender.class, "closed", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final MpscChannel<T> chan;
        /** Set once by close() on any thread; read by sends on any thread. */
        private volatile boolean closed;

        private Sender(MpscChannel<T> chan) {
            this.chan = chan;
        }

        /** Sends without waiting. */
        public TrySend trySend(T value) {
            checkOpen();
            // ordering: volatile read; pairs with MpscChannel.closeReceiver(). A send racing the
            // close may still enqueue; the receiver then drops it with the channel.
            if (chan.rxClosed) {
                return TrySend.CLOSED;
            }
            Semaphore cap = chan.capacity;
            if (cap != null && !cap.tryAcquire(1)) {
                return cap.isClosed() ? TrySend.CLOSED : TrySend.FULL;
            }
            chan.push(value);
            return TrySend.SENT;
        }

        /**
         * A future that sends {@code value}, waiting for a slot on a bounded channel (FIFO among
         * waiting senders). It throws {@link ChannelClosedException} if the receiver closes first.
         * Closing the future before it completes (an aborted task) sends nothing and frees any
         * slot it was granted.
         */
        public Future<Void> send(T value) {
            checkOpen();
            if (chan.capacity == null) {
                return cx -> {
                    if (!cx.consumeBudget()) {
                        return Poll.pending();
                    }
                    if (trySend(value) == TrySend.CLOSED) {
                        throw receiverClosed();
                    }
                    return Poll.readyVoid();
                };
            }
            return new BoundedSend<>(chan, value);
        }

        /** A new handle to the same channel; the receiver ends only when all handles are closed. */
        @Override
        public Sender<T> clone() {
            checkOpen();
            chan.addSender();
            return new Sender<>(chan);
        }

        /** Whether the receiver has closed (sends now fail). */
        public boolean isClosed() {
            return chan.rxClosed;
        }

        /** Closes this handle; idempotent. The last handle closed ends the receiver's stream. */
        @Override
        public void close() {
            // ordering: volatile CAS; makes close idempotent across threads sharing the handle.
            if (CLOSED.compareAndSet(this, false, true)) {
                chan.dropSender();
            }
        }

        private void checkOpen() {
            // ordering: volatile read; pairs with the CAS in close().
            if (closed) {
                throw new IllegalStateException("mpsc sender handle used after close()");
            }
        }
    }

    private static ChannelClosedException receiverClosed() {
        return new ChannelClosedException("mpsc receiver closed; value not sent");
    }

    /** A bounded send: acquires a slot, then pushes. */
    private static final class BoundedSend<T> implements Future<Void>, AutoCloseable {
        private final MpscChannel<T> chan;
        private final Semaphore.Acquire slot;
        /** Owned by the polling task; cleared once pushed. */
        private T value;

        BoundedSend(MpscChannel<T> chan, T value) {
            this.chan = chan;
            this.value = value;
            this.slot = chan.capacity.acquire(1);
        }

        @Override
        public Poll<Void> poll(Context cx) {
            try {
                if (slot.poll(cx).isPending()) {
                    return Poll.pending();
                }
            } catch (SemaphoreClosedException e) {
                throw receiverClosed();
            }
            T v = value;
            value = null;
            chan.push(v);
            return Poll.readyVoid();
        }

        @Override
        public void close() {
            slot.close();
        }
    }

    /** The receiving end; one task at a time. Close it to make senders fail. */
    public static final class Receiver<T> implements AutoCloseable {
        private final MpscChannel<T> chan;

        private Receiver(MpscChannel<T> chan) {
            this.chan = chan;
        }

        /** A future of the next value, or {@link Recv.Closed} at end of stream. */
        public Future<Recv<T>> recv() {
            return this::pollRecv;
        }

        /** Polls for the next value; the body of {@link #recv()}. */
        public Poll<Recv<T>> pollRecv(Context cx) {
            if (!cx.consumeBudget()) {
                return Poll.pending();
            }
            Recv<T> r = take();
            if (r != null) {
                return Poll.ready(r);
            }
            chan.rxWaker.register(cx.waker());
            // Re-check: a value pushed before register() woke the previous waker.
            r = take();
            return r != null ? Poll.ready(r) : Poll.pending();
        }

        /** Item, Closed, or null when the caller should wait (empty, or a producer mid-offer). */
        private Recv<T> take() {
            Object o = chan.queue.pollOrBusy();
            if (o == MpscQueue.BUSY) {
                // The producer wakes rxWaker right after linking its node.
                return null;
            }
            if (o != MpscQueue.EMPTY) {
                return item(o);
            }
            // ordering: volatile reads; see MpscChannel steps 2 and 3.
            if (chan.txClosed || chan.rxClosed) {
                // Step 2 of MpscChannel: after txClosed every offer is linked; drain once more.
                o = chan.queue.poll();
                return o == MpscQueue.EMPTY ? Recv.closed() : item(o);
            }
            return null;
        }

        /** Receives without waiting; spins briefly if a producer is mid-offer. */
        public TryRecv<T> tryRecv() {
            Object o = chan.queue.poll();
            if (o != MpscQueue.EMPTY) {
                return item(o);
            }
            if (chan.txClosed || chan.rxClosed) {
                o = chan.queue.poll();
                return o == MpscQueue.EMPTY ? Recv.closed() : item(o);
            }
            return TryRecv.empty();
        }

        @SuppressWarnings("unchecked")
        private Recv.Item<T> item(Object o) {
            chan.releaseSlot();
            return new Recv.Item<>((T) o);
        }

        /** Closes the receiving end: senders fail from now on; buffered values remain receivable. */
        @Override
        public void close() {
            chan.closeReceiver();
        }
    }
}
