package dev.weft.stress;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * The seed's Kani example with the stores in the right order: {@code y.store(42, Relaxed)}
 * first, then {@code x.store(true, Release)}.
 *
 * <p>Now the release store of x publishes the opaque store of y, and the acquire load of
 * x keeps the load of y after it. A reader that sees x == true reads y == 42: outcome 0
 * (the assertion failure of {@link KaniExampleAsWritten}) is forbidden.
 */
@JCStressTest
@Description("Seed Kani example, corrected order: seeing x == true implies y == 42.")
@Outcome(id = "-1", expect = Expect.ACCEPTABLE, desc = "Reader did not see x == true, so the assertion is not checked.")
@Outcome(id = "42", expect = Expect.ACCEPTABLE, desc = "Reader saw x == true and y == 42: the assertion holds.")
@Outcome(id = "0", expect = Expect.FORBIDDEN, desc = "Reader saw x == true and y == 0: forbidden, the release of x publishes the earlier store of y.")
@State
public class KaniExampleCorrected {

    private static final VarHandle X;
    private static final VarHandle Y;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            X = lookup.findVarHandle(KaniExampleCorrected.class, "x", boolean.class);
            Y = lookup.findVarHandle(KaniExampleCorrected.class, "y", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Written by the spawned thread (release), read by the main thread (acquire). */
    private boolean x;
    /** Written by the spawned thread (opaque), read by the main thread (opaque). */
    private int y;

    /** The closure passed to {@code kani::spawn}, stores swapped. */
    @Actor
    public void spawned() {
        Y.setOpaque(this, 42);
        // ordering: release; publishes the store of y before x is seen. Pairs with the acquire in main().
        X.setRelease(this, true);
    }

    /** The main thread of the proof harness; r1 is y when x was seen, else -1. */
    @Actor
    public void main(I_Result r) {
        // ordering: acquire; the load of y cannot move above it.
        if ((boolean) X.getAcquire(this)) {
            r.r1 = (int) Y.getOpaque(this);
        } else {
            r.r1 = -1;
        }
    }
}
