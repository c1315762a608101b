package dev.weft.runtime.time;

import dev.weft.runtime.Waker;

/**
 * The timer entry behind {@link Sleep}: when it fires it records that it fired, then wakes the
 * task that polled last. See the waker protocol in {@code package-info.java}.
 */
final class WakerEntry extends TimerEntry {

    /** Written by the poller (any worker, one at a time); read by the driver's owner in fire(). */
    private volatile Waker waker;
    /** Written once, false to true, by the driver's owner in fire(); read by the poller. */
    private volatile boolean fired;

    /** Protocol step 1. Poller only. */
    void svWaker(Waker w) {
        // ordering: volatile; the store must not pass the later lvFired() (a StoreLoad), which
        // a release store would allow. Pairs with lvWaker() after svFired() in fire().
        waker = w;
    }

    boolean lvFired() {
        return fired;
    }

    /** Protocol step 3, on the driver's owner, without its lock. */
    @Override
    protected void fire() {
        // ordering: volatile store then volatile load, the mirror of svWaker() then lvFired().
        fired = true;
        Waker w = waker;
        if (w != null) {
            w.wake();
        }
    }
}
