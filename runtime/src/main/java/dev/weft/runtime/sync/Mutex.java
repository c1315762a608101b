package dev.weft.runtime.sync;

import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;

/**
 * An async mutex around a value (Tokio's {@code sync::Mutex}), built on a {@link Semaphore} of one
 * permit: {@link #lock()} waits FIFO without blocking a worker, and yields a {@link Guard} that
 * gives access to the value until {@link Guard#close()}.
 *
 * <p>Unlike a Rust guard, a {@link Guard} is not released when its task is aborted: a task that
 * may be aborted while holding one should hand it to {@code cx.registerCleanup(guard)}.
 *
 * <p>Visibility: writes made under one guard happen-before reads under the next, because the
 * permit passes through the semaphore's volatile state or its lock.
 */
public final class Mutex<T> {

    private final Semaphore semaphore = new Semaphore(1);
    /** Read and written only by the guard holder. */
    private T value;

    public Mutex(T value) {
        this.value = value;
    }

    /** A future of the guard; closing it before it completes (abort) gives the turn away. */
    public Lock lock() {
        return new Lock();
    }

    /** The guard now, or null if the mutex is held or others wait. */
    public Guard tryLock() {
        return semaphore.tryAcquire(1) ? new Guard() : null;
    }

    /** The future returned by {@link #lock()}. */
    public final class Lock implements Future<Guard>, AutoCloseable {
        private final Semaphore.Acquire acquire = semaphore.acquire(1);

        @Override
        public Poll<Guard> poll(Context cx) {
            return acquire.poll(cx).isReady() ? Poll.ready(new Guard()) : Poll.pending();
        }

        @Override
        public void close() {
            acquire.close();
        }
    }

    /** Exclusive access to the value until {@link #close()}; one holder thread at a time. */
    public final class Guard implements AutoCloseable {
        /** Holder only. */
        private boolean released;

        private Guard() {}

        public T get() {
            checkHeld();
            return value;
        }

        public void set(T v) {
            checkHeld();
            value = v;
        }

        /** Unlocks; the next waiter (FIFO) gets the value. */
        public void unlock() {
            checkHeld();
            released = true;
            semaphore.release(1);
        }

        /** Unlocks if still held; idempotent, for try-with-resources. */
        @Override
        public void close() {
            if (!released) {
                unlock();
            }
        }

        private void checkHeld() {
            if (released) {
                throw new IllegalStateException("mutex guard used after unlock");
            }
        }
    }
}
