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
 * Message passing with a release store and an acquire load of the flag; the data is plain.
 *
 * <p>This is the publication pattern every Weft queue uses (write the slot, then release
 * the index). The release store orders the plain data store before it; the acquire load
 * orders the plain data load after it. So a reader that sees the flag must see the data:
 * (1, 0) is forbidden.
 */
@JCStressTest
@Description("Release/acquire message passing: seeing the flag implies seeing the data.")
@Outcome(id = "0, 0", expect = Expect.ACCEPTABLE, desc = "Reader ran before the writer: flag not seen; data not yet written.")
@Outcome(id = "0, 42", expect = Expect.ACCEPTABLE, desc = "Flag not seen, but data already visible: allowed, the flag says nothing then.")
@Outcome(id = "1, 42", expect = Expect.ACCEPTABLE, desc = "Flag seen and data seen: the publication worked.")
@Outcome(id = "1, 0", expect = Expect.FORBIDDEN, desc = "Flag seen but data stale: release/acquire forbids this.")
@State
public class MessagePassingReleaseAcquire {

    private static final VarHandle FLAG;

    static {
        try {
            FLAG = MethodHandles.lookup().findVarHandle(MessagePassingReleaseAcquire.class, "flag", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Written by the writer (plain), read by the reader (plain) after the acquire. */
    private int data;
    /** Written by the writer (release), read by the reader (acquire). */
    private int flag;

    @Actor
    public void writer() {
        data = 42;
        // ordering: release; publishes data before the flag is seen. Pairs with the acquire in reader().
        FLAG.setRelease(this, 1);
    }

    @Actor
    public void reader(II_Result r) {
        // ordering: acquire; the data load below cannot move above it.
        r.r1 = (int) FLAG.getAcquire(this);
        r.r2 = data;
    }
}
