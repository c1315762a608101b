package dev.weft.runtime.sync;

import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Waker;

import java.util.ArrayList;
import java.util.List;

/**
 * A bounded multi-producer multi-consumer broadcast channel (Tokio's {@code sync::broadcast}).
 *
 * <p>Every receiver sees every value sent after it subscribed, in order. The channel keeps the
 * last {@code capacity} values in a ring; a receiver that falls further behind gets
 * {@link BroadcastRecv.Lagged} with the number of values it missed, and continues from the
 * oldest value still kept. When every sender has closed, receivers drain what they have not seen
 * and then get {@link Recv.Closed}. Unlike Tokio, a slot keeps its value until overwritten.
 *
 * <p>Blocking: send and receive take {@link #lock} briefly (Tokio guards its tail with a mutex
 * too); wakers run after it is released. Thread roles: any thread sends; each receiver is polled
 * by one task at a time.
 */
public final class Broadcast<T> {

    private final Object lock = new Object();
    /** Guarded by lock: value of position p at ring[p % capacity]. */
    private final Object[] ring;
    /** Guarded by lock: position of the next value to send (values sent so far). */
    private long tail;
    /** Guarded by lock: open sender handles. */
    private int senders = 1;
    /** Guarded by lock: open receivers. */
    private int receivers = 1;
    /** Guarded by lock: receivers waiting for the next value. */
    private final List<Waker> waiters = new ArrayList<>();

    private Broadcast(int capacity) {
        this.ring = new Object[capacity];
    }

    public record Pair<T>(Sender<T> sender, Receiver<T> receiver) {}

    public static <T> Pair<T> channel(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("broadcast capacity must be at least 1, got " + capacity);
        }
        Broadcast<T> b = new Broadcast<>(capacity);
        return new Pair<>(new Sender<>(b), new Receiver<>(b, 0));
    }

    public static final class Sender<T> implements AutoCloseable {
        private final Broadcast<T> b;
        /** Owned by the handle's user. */
        private boolean closed;

        private Sender(Broadcast<T> b) {
            this.b = b;
        }

        /**
         * Sends {@code value} to every current receiver.
         *
         * @return the number of receivers that will see it (0: nobody listens; the value is kept)
         */
        public int send(T value) {
            if (closed) {
                throw new IllegalStateException("broadcast sender used after close()");
            }
            List<Waker> toWake;
            int n;
            synchronized (b.lock) {
                b.ring[(int) (b.tail % b.ring.length)] = value;
                b.tail++;
                n = b.receivers;
                toWake = new ArrayList<>(b.waiters);
                b.waiters.clear();
            }
            toWake.forEach(Waker::wake);
            return n;
        }

        /** A new receiver that sees values sent from now on. */
        public Receiver<T> subscribe() {
            synchronized (b.lock) {
                b.receivers++;
                return new Receiver<>(b, b.tail);
            }
        }

        public Sender<T> duplicate() {
            synchronized (b.lock) {
                if (b.senders == 0) {
                    throw new IllegalStateException("broadcast closed");
                }
                b.senders++;
            }
            return new Sender<>(b);
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            List<Waker> toWake;
            synchronized (b.lock) {
                b.senders--;
                toWake = new ArrayList<>(b.waiters);
                b.waiters.clear();
            }
            toWake.forEach(Waker::wake);
        }
    }

    public static final class Receiver<T> implements AutoCloseable {
        private final Broadcast<T> b;
        /** Owned by the receiving task: position of the next value to read. */
        private long next;
        private boolean closed;

        private Receiver(Broadcast<T> b, long next) {
            this.b = b;
            this.next = next;
        }

        /** The next value, a Lagged notice, or Closed once every sender closed and all is read. */
        public Future<BroadcastRecv<T>> recv() {
            return this::pollRecv;
        }

        @SuppressWarnings("unchecked")
        private Poll<BroadcastRecv<T>> pollRecv(Context cx) {
            if (!cx.consumeBudget()) {
                return Poll.pending();
            }
            synchronized (b.lock) {
                long oldest = Math.max(0, b.tail - b.ring.length);
                if (next < oldest) {
                    long skipped = oldest - next;
                    next = oldest;
                    return Poll.ready(new BroadcastRecv.Lagged<>(skipped));
                }
                if (next < b.tail) {
                    T v = (T) b.ring[(int) (next % b.ring.length)];
                    next++;
                    return Poll.ready(new Recv.Item<>(v));
                }
                if (b.senders == 0) {
                    return Poll.ready(Recv.closed());
                }
                if (!b.waiters.contains(cx.waker())) {
                    b.waiters.add(cx.waker());
                }
                return Poll.pending();
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                synchronized (b.lock) {
                    b.receivers--;
                }
            }
        }
    }
}
