package dev.weft.runtime.sync;

/** The outcome of a non-waiting receive: a value, nothing yet ({@link Empty}), or end of stream. */
public sealed interface TryRecv<T> permits Recv.Item, TryRecv.Empty, Recv.Closed {

    /** No value is buffered now, and senders remain. */
    record Empty<T>() implements TryRecv<T> {
        private static final Empty<?> INSTANCE = new Empty<>();
    }

    @SuppressWarnings("unchecked")
    static <T> Empty<T> empty() {
        return (Empty<T>) Empty.INSTANCE;
    }
}
