package dev.weft.stress;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A tiny exhaustive model checker: runs straight-line threads of loads and stores over a
 * few shared variables in every interleaving, under sequential consistency (each step
 * reads the latest store to its variable).
 *
 * <p>Sequentially consistent executions are a subset of what any weaker model (release,
 * acquire, opaque) allows, so a violation found here is a real violation. The converse
 * does not hold: passing here shows a program is correct under SC only; the jcstress
 * tests cover the weaker orderings.
 */
final class InterleavingChecker {

    private InterleavingChecker() {}

    /** One step of a thread. Variables and registers are named; booleans are 0 and 1. */
    sealed interface Op permits Store, Load {}

    /** {@code variable = value}. */
    record Store(String variable, int value) implements Op {
        @Override
        public String toString() {
            return variable + " = " + value;
        }
    }

    /** {@code register = variable}; registers are thread-local results. */
    record Load(String variable, String register) implements Op {
        @Override
        public String toString() {
            return register + " = " + variable;
        }
    }

    /** Thread {@code thread} (0-based) performed {@code op}, reading {@code seen} if a load. */
    record Step(int thread, Op op, int seen) {
        @Override
        public String toString() {
            return "T" + thread + ": " + op + (op instanceof Load ? " (reads " + seen + ")" : "");
        }
    }

    /** One complete run: the schedule taken and the final registers. */
    record Execution(List<Step> schedule, Map<String, Integer> registers) {
        int register(String name) {
            Integer value = registers.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no register " + name + " in " + registers);
            }
            return value;
        }

        @Override
        public String toString() {
            return schedule.stream().map(Step::toString).collect(Collectors.joining("; ")) + " -> " + registers;
        }
    }

    /** Every interleaving of {@code threads}, starting from {@code initial} memory. */
    static List<Execution> explore(Map<String, Integer> initial, List<List<Op>> threads) {
        List<Execution> executions = new ArrayList<>();
        explore(threads, new int[threads.size()], Map.copyOf(initial), Map.of(), List.of(), executions);
        return executions;
    }

    // State is copied at each step rather than undone: the programs are a handful of steps.
    private static void explore(List<List<Op>> threads, int[] pcs, Map<String, Integer> memory,
            Map<String, Integer> registers, List<Step> schedule, List<Execution> out) {
        boolean allDone = true;
        for (int t = 0; t < threads.size(); t++) {
            if (pcs[t] == threads.get(t).size()) {
                continue;
            }
            allDone = false;
            Op op = threads.get(t).get(pcs[t]);
            Map<String, Integer> nextMemory = new HashMap<>(memory);
            Map<String, Integer> nextRegisters = new HashMap<>(registers);
            int seen = 0;
            switch (op) {
                case Store s -> nextMemory.put(s.variable(), s.value());
                case Load l -> {
                    seen = memory.getOrDefault(l.variable(), 0);
                    nextRegisters.put(l.register(), seen);
                }
            }
            int[] nextPcs = pcs.clone();
            nextPcs[t]++;
            List<Step> nextSchedule = new ArrayList<>(schedule);
            nextSchedule.add(new Step(t, op, seen));
            explore(threads, nextPcs, nextMemory, nextRegisters, nextSchedule, out);
        }
        if (allDone) {
            out.add(new Execution(List.copyOf(schedule), Map.copyOf(registers)));
        }
    }
}
