package dev.weft.stress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.stress.InterleavingChecker.Execution;
import dev.weft.stress.InterleavingChecker.Load;
import dev.weft.stress.InterleavingChecker.Op;
import dev.weft.stress.InterleavingChecker.Step;
import dev.weft.stress.InterleavingChecker.Store;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seed's Kani example (section 4.2), checked over every interleaving. Thread 0 is the
 * closure passed to {@code kani::spawn}; thread 1 is the harness's main thread, which
 * asserts {@code y == 42} when it sees {@code x == true}.
 *
 * <p>The main thread's {@code if} is modelled as two unconditional loads and the
 * assertion as "rx == 0 or ry == 42": when x is not seen the extra load of y is ignored,
 * so the set of assertion failures is the same.
 */
class KaniExampleModelCheckTest {

    private static final Map<String, Integer> INITIAL = Map.of("x", 0, "y", 0);
    private static final List<Op> SPAWNED_AS_WRITTEN = List.of(new Store("x", 1), new Store("y", 42));
    private static final List<Op> SPAWNED_CORRECTED = List.of(new Store("y", 42), new Store("x", 1));
    private static final List<Op> MAIN = List.of(new Load("x", "rx"), new Load("y", "ry"));

    private static boolean assertionHolds(Execution e) {
        return e.register("rx") == 0 || e.register("ry") == 42;
    }

    private static List<Execution> violations(List<Op> spawned) {
        return InterleavingChecker.explore(INITIAL, List.of(spawned, MAIN)).stream()
                .filter(e -> !assertionHolds(e))
                .toList();
    }

    @Test
    void explorerVisitsEveryInterleaving() {
        // Two threads of two steps each: C(4, 2) = 6 interleavings.
        List<Execution> all = InterleavingChecker.explore(INITIAL, List.of(SPAWNED_AS_WRITTEN, MAIN));

        assertThat(all).as("interleavings: %s", all).hasSize(6);
        assertThat(all).extracting(Execution::schedule).doesNotHaveDuplicates();
    }

    @Test
    void kaniExampleAsWrittenIsViolable() {
        List<Execution> violations = violations(SPAWNED_AS_WRITTEN);

        assertThat(violations).as("the seed's assertion must be violable as written").isNotEmpty();
        Execution counterexample = violations.getFirst();
        System.out.println("Kani example as written, counterexample: " + counterexample);
        // The only bad schedule: the reader runs entirely between the two stores.
        assertThat(violations).as("violating schedules: %s", violations).hasSize(1);
        assertThat(counterexample.schedule()).containsExactly(
                new Step(0, new Store("x", 1), 0),
                new Step(1, new Load("x", "rx"), 1),
                new Step(1, new Load("y", "ry"), 0),
                new Step(0, new Store("y", 42), 0));
    }

    @Test
    void correctedOrderHoldsInEveryInterleaving() {
        List<Execution> violations = violations(SPAWNED_CORRECTED);

        assertThat(violations).as("violating schedules with y stored before x: %s", violations).isEmpty();
    }
}
