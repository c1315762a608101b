package dev.weft.runtime.sync;

import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Waker;

import java.util.ArrayList;
import java.util.List;

/**
 * A single value that receivers watch for changes (Tokio's {@code sync::watch}).
 *
 * <p>{@link Sender#send} replaces the value and bumps a version; each {@link Receiver} remembers
 * the version it last saw: {@link Receiver#borrow()} reads the latest value without marking it
 * seen, {@link Receiver#borrowAndUpdate()} marks it seen, and {@link Receiver#changed()} completes
 * when a version newer than the last seen exists (then marks it seen). Intermediate values may be
 * skipped; only the latest counts. After the sender closes, {@code changed()} throws
 * {@link ChannelClosedException} once no unseen version remains.
 *
 * <p>Reads of the value are lock-free (one volatile read of an immutable snapshot); send and
 * waiter registration take {@link #lock}.
 */
public final class Watch<T> {

    private record Snapshot<T>(T value, long version, boolean closed) {}

    private final Object lock = new Object();
    /** Written under lock by the sender; read lock-free by receivers (volatile publication). */
    private volatile Snapshot<T> current;
    /** Guarded by lock: tasks waiting in changed(). */
    private final List<Waker> waiters = new ArrayList<>();

    private Watch(T initial) {
        current = new Snapshot<>(initial, 0, false);
    }

    public record Pair<T>(Watch<T>.Sender sender, Watch<T>.Receiver receiver) {}

    public static <T> Pair<T> channel(T initial) {
        Watch<T> w = new Watch<>(initial);
        return new Pair<>(w.new Sender(), w.new Receiver(0));
    }

    private void publish(T value, boolean close) {
        List<Waker> toWake;
        synchronized (lock) {
            Snapshot<T> s = current;
            if (s.closed()) {
                throw new IllegalStateException("watch sender used after close()");
            }
            current = close ? new Snapshot<>(s.value(), s.version(), true) : new Snapshot<>(value, s.version() + 1, false);
            toWake = new ArrayList<>(waiters);
            waiters.clear();
        }
        toWake.forEach(Waker::wake);
    }

    public final class Sender implements AutoCloseable {
        private Sender() {}

        /** Replaces the value and wakes every receiver waiting in changed(). */
        public void send(T value) {
            publish(value, false);
        }

        public T borrow() {
            return current.value();
        }

        /** A new receiver that has seen the current value. */
        public Receiver subscribe() {
            return new Receiver(current.version());
        }

        /** Closes; receivers' changed() then fails once they have seen the last value. Idempotent. */
        @Override
        public void close() {
            if (!current.closed()) {
                publish(null, true);
            }
        }
    }

    /** One watcher; poll it from one task at a time. */
    public final class Receiver {
        /** Owned by the receiving task. */
        private long seenVersion;

        private Receiver(long seenVersion) {
            this.seenVersion = seenVersion;
        }

        public T borrow() {
            return current.value();
        }

        public T borrowAndUpdate() {
            Snapshot<T> s = current;
            seenVersion = s.version();
            return s.value();
        }

        public boolean hasChanged() {
            return current.version() != seenVersion;
        }

        /** Another receiver of the same value, starting from what this one has seen. */
        public Receiver duplicate() {
            return new Receiver(seenVersion);
        }

        /** Completes when a version newer than the last seen is available; marks it seen. */
        public Future<Void> changed() {
            return this::pollChanged;
        }

        private Poll<Void> pollChanged(Context cx) {
            if (!cx.consumeBudget()) {
                return Poll.pending();
            }
            Poll<Void> p = check();
            if (p != null) {
                return p;
            }
            synchronized (lock) {
                p = check();
                if (p != null) {
                    return p;
                }
                if (!waiters.contains(cx.waker())) {
                    waiters.add(cx.waker());
                }
                return Poll.pending();
            }
        }

        private Poll<Void> check() {
            Snapshot<T> s = current;
            if (s.version() != seenVersion) {
                seenVersion = s.version();
                return Poll.readyVoid();
            }
            if (s.closed()) {
                throw new ChannelClosedException("watch sender closed; no newer value will come");
            }
            return null;
        }
    }
}
