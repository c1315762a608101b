package dev.weft.stress;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Message passing with plain accesses only: the broken version of
 * {@link MessagePassingReleaseAcquire}.
 *
 * <p>Plain accesses carry no ordering, so the JIT may reorder the two stores or the two
 * loads (and ARM or POWER hardware may do so too). A reader can see the flag and still
 * read stale data: (1, 0) is allowed. On x86 the hardware keeps store-store and
 * load-load order, so when (1, 0) appears there it is the compiler's doing.
 */
@JCStressTest
@Description("Plain message passing: seeing the flag does not imply seeing the data.")
@Outcome(id = "0, 0", expect = Expect.ACCEPTABLE, desc = "Reader ran before the writer: flag not seen; data not yet written.")
@Outcome(id = "0, 42", expect = Expect.ACCEPTABLE, desc = "Flag not seen, but data already visible.")
@Outcome(id = "1, 42", expect = Expect.ACCEPTABLE, desc = "Flag seen and data seen: looks right, but nothing guarantees it.")
@Outcome(id = "1, 0", expect = Expect.ACCEPTABLE_INTERESTING, desc = "Flag seen but data stale: allowed, plain accesses may be reordered by the JIT or the CPU.")
@State
public class MessagePassingPlain {

    /** Written by the writer, read by the reader; both plain, so no ordering with flag. */
    private int data;
    /** Written by the writer, read by the reader; both plain. */
    private int flag;

    @Actor
    public void writer() {
        data = 42;
        flag = 1;
    }

    @Actor
    public void reader(II_Result r) {
        r.r1 = flag;
        r.r2 = data;
    }
}
