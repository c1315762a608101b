package dev.weft.stress;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Store buffering (the core of Dekker's algorithm) with release stores and acquire loads.
 *
 * <p>Each actor stores to its own variable, then loads the other's. Release/acquire does
 * not order a store before a later load, so both loads may miss both stores: (0, 0) is
 * allowed. On x86 the store buffer produces it (x86-TSO's one relaxation; only
 * {@code mfence} or a locked instruction prevents it), which is why a parking protocol
 * ("set my flag, then check yours") needs volatile (seq-cst) accesses or a full fence,
 * not release/acquire. Plain accesses are weaker still and allow the same outcome.
 */
@JCStressTest
@Description("Release/acquire store buffering: both actors may miss each other's store.")
@Outcome(id = "0, 1", expect = Expect.ACCEPTABLE, desc = "Actor 1 finished before actor 2 stored y; actor 2 then saw x.")
@Outcome(id = "1, 0", expect = Expect.ACCEPTABLE, desc = "Actor 2 finished before actor 1 stored x; actor 1 then saw y.")
@Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "Both stores were visible before either load: each actor saw the other's store.")
@Outcome(id = "0, 0", expect = Expect.ACCEPTABLE_INTERESTING, desc = "Both missed the other's store: allowed, a store may be delayed past a later load (x86 store buffer).")
@State
public class StoreBufferingReleaseAcquire {

    private static final VarHandle X;
    private static final VarHandle Y;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            X = lookup.findVarHandle(StoreBufferingReleaseAcquire.class, "x", int.class);
            Y = lookup.findVarHandle(StoreBufferingReleaseAcquire.class, "y", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Written by actor1 (release), read by actor2 (acquire). */
    private int x;
    /** Written by actor2 (release), read by actor1 (acquire). */
    private int y;

    @Actor
    public void actor1(II_Result r) {
        X.setRelease(this, 1);
        // ordering: acquire orders later accesses only; it does not keep the store above from sinking below.
        r.r1 = (int) Y.getAcquire(this);
    }

    @Actor
    public void actor2(II_Result r) {
        Y.setRelease(this, 1);
        r.r2 = (int) X.getAcquire(this);
    }
}
