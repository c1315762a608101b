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
 * The seed's Kani example (section 4.2) exactly as written, in Java: the spawned thread
 * does {@code x.store(true, Release); y.store(42, Relaxed)}, the main thread does
 * {@code if x.load(Acquire) { assert y.load(Relaxed) == 42 }}. Rust's Relaxed maps to
 * Java's opaque.
 *
 * <p>The release store of x publishes what came <em>before</em> it, and y is stored
 * after it. So the reader can see x == true while y is still 0 and the assertion fails.
 * No reordering is needed: the interleaving "store x, load x, load y, store y" does it
 * under sequential consistency (see {@code KaniExampleModelCheckTest} for the schedule).
 * Outcome 0 is that assertion failure. {@link KaniExampleCorrected} swaps the two
 * stores.
 */
@JCStressTest
@Description("Seed Kani example as written: the reader can see x == true and y == 0.")
@Outcome(id = "-1", expect = Expect.ACCEPTABLE, desc = "Reader did not see x == true, so the assertion is not checked.")
@Outcome(id = "42", expect = Expect.ACCEPTABLE, desc = "Reader saw x == true and y == 42: the assertion holds this time.")
@Outcome(id = "0", expect = Expect.ACCEPTABLE_INTERESTING, desc = "Reader saw x == true and y == 0: the seed's assertion fails; y is stored after the release of x.")
@State
public class KaniExampleAsWritten {

    private static final VarHandle X;
    private static final VarHandle Y;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            X = lookup.findVarHandle(KaniExampleAsWritten.class, "x", boolean.class);
            Y = lookup.findVarHandle(KaniExampleAsWritten.class, "y", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Written by the spawned thread (release), read by the main thread (acquire). */
    private boolean x;
    /** Written by the spawned thread (opaque), read by the main thread (opaque). */
    private int y;

    /** The closure passed to {@code kani::spawn}. */
    @Actor
    public void spawned() {
        X.setRelease(this, true);
        // The bug: this store comes after the release, so the release does not publish it.
        Y.setOpaque(this, 42);
    }

    /** The main thread of the proof harness; r1 is y when x was seen, else -1. */
    @Actor
    public void main(I_Result r) {
        if ((boolean) X.getAcquire(this)) {
            r.r1 = (int) Y.getOpaque(this);
        } else {
            r.r1 = -1;
        }
    }
}
