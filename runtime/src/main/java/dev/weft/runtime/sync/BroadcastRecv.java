package dev.weft.runtime.sync;

/**
 * The outcome of receiving from a {@link Broadcast} channel: a value, {@link Lagged} when the
 * receiver fell more than the capacity behind (it skips to the oldest retained value), or end of
 * stream once the sender closed and everything retained was read.
 */
public sealed interface BroadcastRecv<T> permits Recv.Item, BroadcastRecv.Lagged, Recv.Closed {

    /** {@code skipped} values were overwritten before this receiver read them. */
    record Lagged<T>(long skipped) implements BroadcastRecv<T> {}
}
