package dev.weft.bench.fanout;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * Counts each publication's deliveries and notices its last one: a ring of
 * {@value #SLOTS} slots indexed by sequence, each holding how many subscribers still have to
 * receive it and when it was meant to be sent.
 *
 * <p>Thread roles: the publisher {@link #arm}s a slot before it sends the publication;
 * subscribers' handlers call {@link #delivered} from the generator's workers. A slot is reused
 * {@value #SLOTS} publications later; a delivery for a sequence no longer in its slot (a
 * publication that never completed) is counted as late and not attributed.
 *
 * <p>The sequence is global (one per publication, whatever its channel), so a connection on
 * several channels needs no per-channel bookkeeping: each of a publication's subscribers owes it
 * exactly one delivery. A delivery beyond that count (a duplicate) or of a channel the connection
 * did not join ({@link #misrouted}) is counted in {@link #excess}.
 */
final class Deliveries {
    static final int SLOTS = 1 << 16;
    private static final int MASK = SLOTS - 1;

    /** Per slot: the sequence it tracks. Written by the publisher (release, via set), read by subscribers (acquire, via get). */
    private final AtomicLongArray sequence = new AtomicLongArray(SLOTS);
    /** Per slot: deliveries still expected; decremented by subscribers. */
    private final AtomicIntegerArray remaining = new AtomicIntegerArray(SLOTS);
    private final long[] intended = new long[SLOTS];
    /** Delivery latency: receive time minus intended send time. */
    final Recorder deliveryNanos = new Recorder(3_600_000_000_000L, 3);
    /** Publish to last subscriber: the last delivery's time minus intended send time. */
    final Recorder lastDeliveryNanos = new Recorder(3_600_000_000_000L, 3);
    final LongAdder deliveries = new LongAdder();
    final LongAdder completed = new LongAdder();
    final LongAdder unattributed = new LongAdder();
    /** Deliveries no subscriber was owed: duplicates and misrouted publications. */
    final LongAdder excess = new LongAdder();
    private final Runnable onComplete;

    /** {@code onComplete} runs on the subscriber's thread when a publication reached every subscriber. */
    Deliveries(Runnable onComplete) {
        for (int i = 0; i < SLOTS; i++) {
            sequence.set(i, -1);
        }
        this.onComplete = onComplete;
    }

    /** Publisher: publication {@code seq} is about to go to {@code subscribers} subscribers. */
    void arm(long seq, long intendedNanos, int subscribers) {
        int slot = (int) (seq & MASK);
        intended[slot] = intendedNanos;
        remaining.set(slot, subscribers);
        // ordering: release; a subscriber that reads this sequence (acquire) sees intended and remaining.
        sequence.set(slot, seq);
    }

    /** Subscriber: publication {@code seq}, meant for {@code intendedNanos}, arrived at {@code nowNanos}. */
    void delivered(long seq, long intendedNanos, long nowNanos) {
        deliveries.increment();
        deliveryNanos.recordValue(Math.max(0, nowNanos - intendedNanos));
        int slot = (int) (seq & MASK);
        if (sequence.get(slot) != seq) {
            unattributed.increment();
            return;
        }
        int left = remaining.decrementAndGet(slot);
        if (left == 0) {
            lastDeliveryNanos.recordValue(Math.max(0, nowNanos - intended[slot]));
            completed.increment();
            onComplete.run();
        } else if (left < 0) {
            excess.increment();
        }
    }

    /** Subscriber: a publication of a channel this connection did not join arrived; not counted as a delivery. */
    void misrouted() {
        excess.increment();
    }
}
