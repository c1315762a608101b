package dev.weft.bench;

import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Waker;

/**
 * A minimal oneshot of no value, private to the benchmarks: Weft's {@code sync.Oneshot} is being
 * written concurrently and is not available yet. One sender calls {@link #send()} once; one
 * receiver task awaits it by polling.
 *
 * <p>Protocol (Dekker-style, both sides volatile so the four accesses are totally ordered):
 * <ol>
 *   <li>sender: svSent(true), then lvWaker(); wakes the waker if one is there;</li>
 *   <li>receiver: lvSent(); if unset, svWaker(cx.waker()), then lvSent() again.</li>
 * </ol>
 * Either the sender sees the waker (and wakes the task), or the receiver's second load sees the
 * send. A wake after the receiver already saw the send is spurious and harmless. Lock-free; the
 * waker is the task itself, so polling allocates nothing.
 */
final class Handoff implements Future<Void> {

    /** Written once by the sender; read by the receiver. */
    private volatile boolean sent;
    /** Written by the receiver task while polling; read by the sender. */
    private volatile Waker waker;

    void send() {
        sent = true;
        Waker w = waker;
        if (w != null) {
            w.wake();
        }
    }

    @Override
    public Poll<Void> poll(Context cx) {
        // A channel receive spends coop budget, as Tokio's oneshot does.
        if (!cx.consumeBudget()) {
            return Poll.pending();
        }
        if (sent) {
            return Poll.readyVoid();
        }
        waker = cx.waker();
        return sent ? Poll.readyVoid() : Poll.pending();
    }
}
