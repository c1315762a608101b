package dev.weft.runtime.sync;

/** The outcome of a non-waiting send ({@link Mpsc.Sender#trySend}). */
public enum TrySend {
    /** The value is in the channel. */
    SENT,
    /** A bounded channel is at capacity; the value was not sent. */
    FULL,
    /** The receiver has closed; the value was not sent. */
    CLOSED
}
