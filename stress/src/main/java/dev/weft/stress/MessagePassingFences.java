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
 * Message passing built from opaque accesses plus standalone fences: the seed's question 2,
 * "under ARM's weak memory model, how do you combine atomics and fences correctly?"
 *
 * <p>The answer is the fence pairing of C++/Rust ({@code fence(Release)} ... {@code
 * fence(Acquire)}), which Java spells {@link VarHandle#releaseFence()} and {@link
 * VarHandle#acquireFence()}. The writer puts the release fence between the data store
 * and the flag store; the reader puts the acquire fence between the flag load and the
 * data load. The flag accesses must still be atomic (opaque here, Relaxed in Rust): a
 * fence orders accesses, it does not make a plain access coherent. With both fences,
 * (1, 0) is forbidden, as in {@link MessagePassingReleaseAcquire}. On ARMv8 the fences
 * become {@code dmb ish}/{@code dmb ishld}; on x86 they cost no instruction, only
 * compiler ordering.
 */
@JCStressTest
@Description("Fence-based message passing: releaseFence/acquireFence around opaque accesses.")
@Outcome(id = "0, 0", expect = Expect.ACCEPTABLE, desc = "Reader ran before the writer: flag not seen; data not yet written.")
@Outcome(id = "0, 42", expect = Expect.ACCEPTABLE, desc = "Flag not seen, but data already visible.")
@Outcome(id = "1, 42", expect = Expect.ACCEPTABLE, desc = "Flag seen and data seen: the fences paired.")
@Outcome(id = "1, 0", expect = Expect.FORBIDDEN, desc = "Flag seen but data stale: forbidden, the release fence orders the data store before the flag store and the acquire fence orders the flag load before the data load.")
@State
public class MessagePassingFences {

    private static final VarHandle DATA;
    private static final VarHandle FLAG;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            DATA = lookup.findVarHandle(MessagePassingFences.class, "data", int.class);
            FLAG = lookup.findVarHandle(MessagePassingFences.class, "flag", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Written by the writer (opaque), read by the reader (opaque). */
    private int data;
    /** Written by the writer (opaque), read by the reader (opaque); the fences give the ordering. */
    private int flag;

    @Actor
    public void writer() {
        DATA.setOpaque(this, 42);
        // ordering: release fence; no earlier access moves below the flag store. Pairs with acquireFence() in reader().
        VarHandle.releaseFence();
        FLAG.setOpaque(this, 1);
    }

    @Actor
    public void reader(II_Result r) {
        r.r1 = (int) FLAG.getOpaque(this);
        // ordering: acquire fence; the data load cannot move above the flag load.
        VarHandle.acquireFence();
        r.r2 = (int) DATA.getOpaque(this);
    }
}
