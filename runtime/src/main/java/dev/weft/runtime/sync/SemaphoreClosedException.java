package dev.weft.runtime.sync;

/** A {@link Semaphore} was closed while a task waited on it, or before it asked for permits. */
public final class SemaphoreClosedException extends IllegalStateException {

    public SemaphoreClosedException(String message) {
        super(message);
    }
}
