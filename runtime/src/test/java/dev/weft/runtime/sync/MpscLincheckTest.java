package dev.weft.runtime.sync;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of the mpsc channel's non-waiting operations: trySend from several threads,
 * tryRecv from one consumer (which exercises {@link MpscQueue}, including the window between a
 * producer's swap and link). The sequential specification is the channel itself run sequentially.
 *
 * <p>The unbounded channel is checked: the bounded one is deliberately not linearizable for
 * trySend FULL (Lincheck found it; see {@link Mpsc}): a sender holding a reserved slot it has
 * not yet published makes another trySend see FULL while tryRecv sees Empty, as in Tokio.
 */
public class MpscLincheckTest {

    private final Mpsc.Pair<Integer> ch = Mpsc.unbounded();

    @Operation
    public TrySend trySend(int value) {
        return ch.sender().trySend(value);
    }

    @Operation(nonParallelGroup = "consumer")
    public TryRecv<Integer> tryRecv() {
        return ch.receiver().tryRecv();
    }

    @Test
    void trySendAndTryRecvAreLinearizableUnderModelChecking() {
        new ModelCheckingOptions()
                .iterations(8)
                .invocationsPerIteration(200)
                .threads(3)
                .actorsPerThread(3)
                .check(MpscLincheckTest.class);
    }

    @Test
    void trySendAndTryRecvAreLinearizableUnderStress() {
        new StressOptions()
                .iterations(10)
                .invocationsPerIteration(500)
                .threads(3)
                .actorsPerThread(3)
                .check(MpscLincheckTest.class);
    }
}
