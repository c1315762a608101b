package dev.weft.runtime.sync;

import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A channel for exactly one value (Tokio's {@code sync::oneshot}).
 *
 * <p>{@link #channel()} returns a {@link Pair}. The {@link Sender} sends at most once; the
 * {@link Receiver} is a future yielding the value, or throwing {@link ChannelClosedException}
 * when the sender closed without sending. Closing the receiver makes {@link Sender#send} return
 * false and completes {@link Sender#closed()}. Both sides implement {@link AutoCloseable}, so a
 * task that ends while holding one of them (as its future) closes it.
 *
 * <p>Lock-free: one state word ({@link #VALUE_SENT}, {@link #TX_CLOSED}, {@link #RX_CLOSED},
 * each never unset once set) plus an {@link AtomicWaker} per side. Thread roles: one sending
 * thread at a time, one receiving task at a time.
 */
public final class Oneshot<T> {

    /** The value is published; set by send() only while RX_CLOSED and TX_CLOSED are unset. */
    private static final int VALUE_SENT = 1;
    /** The sender is gone (after or without sending). */
    private static final int TX_CLOSED = 2;
    /** The receiver is gone; send() will fail. */
    private static final int RX_CLOSED = 4;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Oneshot.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Bits above; any thread, through STATE. */
    private volatile int state;
    /** Written by the sender before VALUE_SENT; read by the receiver after seeing VALUE_SENT. */
    private T value;
    /** The receiving task's waker; woken on send and on sender close. */
    private final AtomicWaker rxWaker = new AtomicWaker();
    /** The waker of a task awaiting {@link Sender#closed()}; woken on receiver close. */
    private final AtomicWaker txWaker = new AtomicWaker();

    private Oneshot() {}

    /** Both ends of a new oneshot channel. */
    public record Pair<T>(Sender<T> sender, Receiver<T> receiver) {}

    public static <T> Pair<T> channel() {
        Oneshot<T> shared = new Oneshot<>();
        return new Pair<>(new Sender<>(shared), new Receiver<>(shared));
    }

    /** Sets {@code bits} and returns the previous state. */
    private int transitionToSet(int bits) {
        // ordering: volatile RMW; releases value (send) and pairs with the receiver's volatile reads.
        return (int) STATE.getAndBitwiseOr(this, bits);
    }

    /** Sending end: {@link #send} once, or {@link #close} to tell the receiver nothing comes. */
    public static final class Sender<T> implements AutoCloseable {
        private final Oneshot<T> shared;

        private Sender(Oneshot<T> shared) {
            this.shared = shared;
        }

        /**
         * Sends {@code value} and closes this sender.
         *
         * @return false when the receiver has closed (the value is dropped)
         * @throws IllegalStateException when called twice or after close
         */
        public boolean send(T value) {
            Oneshot<T> s = shared;
            // ordering: volatile read; sees our own earlier close/send (single sending thread).
            int cur = s.state;
            if ((cur & (VALUE_SENT | TX_CLOSED)) != 0) {
                throw new IllegalStateException("oneshot sender already used: send after send or close");
            }
            if ((cur & RX_CLOSED) != 0) {
                s.transitionToSet(TX_CLOSED);
                return false;
            }
            s.value = value;
            int prev = s.transitionToSet(VALUE_SENT | TX_CLOSED);
            if ((prev & RX_CLOSED) != 0) {
                s.value = null;
                return false;
            }
            s.rxWaker.wake();
            return true;
        }

        /** Closes without sending (if not sent yet): the receiver fails with ChannelClosedException. */
        @Override
        public void close() {
            int prev = shared.transitionToSet(TX_CLOSED);
            if ((prev & TX_CLOSED) == 0) {
                shared.rxWaker.wake();
            }
        }

        /** Whether the receiver has closed; a send would now return false. */
        public boolean isClosed() {
            // ordering: volatile read; pairs with the receiver's RMW in close().
            return (shared.state & RX_CLOSED) != 0;
        }

        /** A future that completes when the receiver closes (Tokio's {@code Sender::closed}). */
        public Future<Void> closed() {
            return cx -> {
                if (isClosed()) {
                    return Poll.readyVoid();
                }
                shared.txWaker.register(cx.waker());
                return isClosed() ? Poll.readyVoid() : Poll.pending();
            };
        }
    }

    /**
     * Receiving end: a future of the value. Throws {@link ChannelClosedException} when the sender
     * closed without sending. Poll it from one task at a time.
     */
    public static final class Receiver<T> implements Future<T>, AutoCloseable {
        private final Oneshot<T> shared;

        private Receiver(Oneshot<T> shared) {
            this.shared = shared;
        }

        @Override
        public Poll<T> poll(Context cx) {
            if (!cx.consumeBudget()) {
                return Poll.pending();
            }
            Poll<T> p = tryTake();
            if (p.isReady()) {
                return p;
            }
            shared.rxWaker.register(cx.waker());
            // Re-check: a send that completed before register() woke the old waker, not this one.
            return tryTake();
        }

        private Poll<T> tryTake() {
            // ordering: volatile read; acquires value, written before the sender's RMW.
            int s = shared.state;
            if ((s & VALUE_SENT) != 0) {
                return Poll.ready(shared.value);
            }
            if ((s & RX_CLOSED) != 0) {
                throw new ChannelClosedException("oneshot receiver polled after close()");
            }
            if ((s & TX_CLOSED) != 0) {
                throw new ChannelClosedException("oneshot sender closed without sending a value");
            }
            return Poll.pending();
        }

        /** Whether a value has been sent (polling would now be Ready). */
        public boolean isReady() {
            // ordering: volatile read; see tryTake().
            return (shared.state & VALUE_SENT) != 0;
        }

        /** Closes the receiving end: a later send returns false, and Sender.closed() completes. */
        @Override
        public void close() {
            int prev = shared.transitionToSet(RX_CLOSED);
            if ((prev & RX_CLOSED) == 0) {
                shared.txWaker.wake();
            }
        }
    }
}
