package dev.weft.runtime.sync;

import dev.weft.runtime.Context;
import dev.weft.runtime.Waker;

import java.util.concurrent.atomic.AtomicInteger;

/** A waker that counts its wakes, for polling futures by hand without a runtime. */
final class CountingWaker implements Waker {
    private final AtomicInteger wakes = new AtomicInteger();

    @Override
    public void wake() {
        wakes.incrementAndGet();
    }

    int wakes() {
        return wakes.get();
    }

    Context context() {
        return new Context(this);
    }
}
