package dev.weft.runtime.sync;

/**
 * The outcome of receiving from a channel: a value ({@link Item}, which may hold null), or the
 * end of the stream ({@link Closed}). A sealed type rather than a nullable value, so that
 * "no more values" can never be confused with a null value; switch over it exhaustively.
 */
public sealed interface Recv<T> permits Recv.Item, Recv.Closed {

    /** One received value. */
    record Item<T>(T value) implements Recv<T>, TryRecv<T>, BroadcastRecv<T> {}

    /** End of stream: every sender closed (after the buffered values), or the receiver closed. */
    record Closed<T>() implements Recv<T>, TryRecv<T>, BroadcastRecv<T> {
        private static final Closed<?> INSTANCE = new Closed<>();
    }

    @SuppressWarnings("unchecked")
    static <T> Closed<T> closed() {
        return (Closed<T>) Closed.INSTANCE;
    }
}
