package dev.weft.stress;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Store buffering with volatile (sequentially consistent) accesses: the fixed version of
 * {@link StoreBufferingReleaseAcquire}.
 *
 * <p>Volatile accesses are totally ordered (the JMM's synchronization order), so
 * whichever store comes first in that order is seen by the other actor's load: (0, 0) is
 * forbidden. On x86 HotSpot emits a locked instruction (or {@code mfence}) after each
 * volatile store; this is the cost a Dekker-style handshake must pay.
 */
@JCStressTest
@Description("Volatile store buffering: at least one actor sees the other's store.")
@Outcome(id = "0, 1", expect = Expect.ACCEPTABLE, desc = "Actor 1's load came before actor 2's store in the total order.")
@Outcome(id = "1, 0", expect = Expect.ACCEPTABLE, desc = "Actor 2's load came before actor 1's store in the total order.")
@Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "Both stores came before both loads.")
@Outcome(id = "0, 0", expect = Expect.FORBIDDEN, desc = "Both missed the other's store: impossible in a single total order of volatile accesses.")
@State
public class StoreBufferingVolatile {

    /** Written by actor1, read by actor2; volatile, so in the synchronization order. */
    private volatile int x;
    /** Written by actor2, read by actor1; volatile. */
    private volatile int y;

    @Actor
    public void actor1(II_Result r) {
        x = 1;
        r.r1 = y;
    }

    @Actor
    public void actor2(II_Result r) {
        y = 1;
        r.r2 = x;
    }
}
