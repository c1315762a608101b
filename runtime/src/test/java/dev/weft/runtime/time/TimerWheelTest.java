package dev.weft.runtime.time;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class TimerWheelTest {

    /** A bare entry: the wheel never calls fire(). */
    static final class Entry extends TimerEntry {
        final long id;

        Entry(long id) {
            this.id = id;
        }

        @Override
        protected void fire() {
            throw new AssertionError("the wheel does not fire entries");
        }

        @Override
        public String toString() {
            return "Entry#" + id + "@" + whenTick;
        }
    }

    private static List<TimerEntry> drain(TimerWheel wheel, long now) {
        List<TimerEntry> out = new ArrayList<>();
        TimerEntry e;
        while ((e = wheel.poll(now)) != null) {
            out.add(e);
        }
        return out;
    }

    @Test
    void levelIsTheHighestSixBitGroupThatDiffers() {
        assertThat(TimerWheel.levelFor(0, 1)).isEqualTo(0);
        assertThat(TimerWheel.levelFor(0, 63)).isEqualTo(0);
        assertThat(TimerWheel.levelFor(0, 64)).isEqualTo(1);
        assertThat(TimerWheel.levelFor(63, 64)).isEqualTo(1);
        assertThat(TimerWheel.levelFor(64, 127)).isEqualTo(0);
        assertThat(TimerWheel.levelFor(0, 4095)).isEqualTo(1);
        assertThat(TimerWheel.levelFor(0, 4096)).isEqualTo(2);
        assertThat(TimerWheel.levelFor(0, 1L << 35)).isEqualTo(5);
    }

    @Test
    void deadlinesBeyondTheRangeClampToTheTopLevel() {
        assertThat(TimerWheel.levelFor(0, 1L << 36)).isEqualTo(5);
        assertThat(TimerWheel.levelFor(0, Long.MAX_VALUE / 2)).isEqualTo(5);

        TimerWheel wheel = new TimerWheel();
        Entry far = new Entry(1);
        long when = 3 * (1L << 36) + 12345;
        wheel.insert(far, when);
        assertThat(drain(wheel, when - 1)).isEmpty();
        assertThat(drain(wheel, when)).containsExactly(far);
        assertThat(wheel.size()).isZero();
    }

    @Test
    void entriesComeOutSlotBySlotInDeadlineOrder() {
        TimerWheel wheel = new TimerWheel();
        long[] whens = {5000, 3, 70, 64, 1, 200_000, 63, 4096};
        for (int i = 0; i < whens.length; i++) {
            wheel.insert(new Entry(i), whens[i]);
        }
        List<Long> fired = new ArrayList<>();
        long now = 0;
        while (wheel.size() > 0) {
            now = wheel.nextExpiration();
            for (TimerEntry e : drain(wheel, now)) {
                assertThat(e.whenTick).as("fired at %d", now).isLessThanOrEqualTo(now);
                fired.add(e.whenTick);
            }
        }
        assertThat(fired).containsExactly(1L, 3L, 63L, 64L, 70L, 4096L, 5000L, 200_000L);
    }

    @Test
    void removeIsImmediateAndIdempotent() {
        TimerWheel wheel = new TimerWheel();
        Entry a = new Entry(1), b = new Entry(2), c = new Entry(3);
        wheel.insert(a, 10);
        wheel.insert(b, 10);
        wheel.insert(c, 10);
        assertThat(wheel.remove(b)).isTrue();
        assertThat(wheel.remove(b)).isFalse();
        assertThat(wheel.remove(c)).isTrue();
        assertThat(wheel.remove(a)).isTrue();
        assertThat(wheel.nextExpiration()).isEqualTo(Long.MAX_VALUE);
        assertThat(drain(wheel, 100)).isEmpty();
    }

    @Test
    void anEntryAlreadyDueIsPendingAtOnce() {
        TimerWheel wheel = new TimerWheel();
        assertThat(drain(wheel, 500)).isEmpty();
        Entry late = new Entry(1);
        wheel.insert(late, 100);
        assertThat(wheel.nextExpiration()).isEqualTo(500);
        assertThat(drain(wheel, 500)).containsExactly(late);
    }

    @Test
    void matchesASortedReferenceModelOverMillionsOfRandomOperations() {
        for (long seed = 1; seed <= 4; seed++) {
            runModel(seed, 600_000);
        }
    }

    /**
     * Random inserts (near, far, beyond the range, already due), cancels and advances (small
     * steps, jumps to nextExpiration(), huge leaps), checked against a sorted set after each step:
     * exactly the model's due entries come out, and nextExpiration() never passes the earliest.
     */
    private static void runModel(long seed, int ops) {
        SplittableRandom rnd = new SplittableRandom(seed);
        TimerWheel wheel = new TimerWheel();
        TreeSet<Entry> model = new TreeSet<>(Comparator.<Entry>comparingLong(e -> e.whenTick).thenComparingLong(e -> e.id));
        List<Entry> live = new ArrayList<>();
        long now = 0;
        long ids = 0;
        for (int op = 0; op < ops; op++) {
            int kind = rnd.nextInt(100);
            if (kind < 45) {
                Entry e = new Entry(ids++);
                long when = now + randomDelay(rnd);
                wheel.insert(e, when);
                model.add(e);
                live.add(e);
            } else if (kind < 65 && !live.isEmpty()) {
                int i = rnd.nextInt(live.size());
                Entry e = live.get(i);
                live.set(i, live.get(live.size() - 1));
                live.remove(live.size() - 1);
                assertThat(wheel.remove(e)).as("seed %d op %d: remove live %s", seed, op, e).isTrue();
                model.remove(e);
            } else {
                long next = wheel.nextExpiration();
                if (!model.isEmpty()) {
                    long earliest = Math.max(model.first().whenTick, wheel.elapsed());
                    assertThat(next).as("seed %d op %d: nextExpiration after earliest %d", seed, op, earliest)
                            .isLessThanOrEqualTo(earliest);
                    assertThat(next).isGreaterThanOrEqualTo(wheel.elapsed());
                } else {
                    assertThat(next).isEqualTo(Long.MAX_VALUE);
                }
                int step = rnd.nextInt(10);
                if (step < 5) {
                    now += rnd.nextInt(80);
                } else if (step < 8 && next != Long.MAX_VALUE) {
                    now = Math.max(now, next);
                } else if (step < 9) {
                    now += rnd.nextLong(1L << 20);
                } else {
                    now += rnd.nextLong(1L << 38);
                }
                Set<TimerEntry> fired = new HashSet<>(drain(wheel, now));
                Set<Entry> due = new HashSet<>();
                while (!model.isEmpty() && model.first().whenTick <= now) {
                    due.add(model.pollFirst());
                }
                assertThat(fired).as("seed %d op %d: due at %d", seed, op, now).isEqualTo(due);
                if (!due.isEmpty()) {
                    live.removeAll(due);
                }
            }
            assertThat(wheel.size()).isEqualTo(model.size());
        }
    }

    private static long randomDelay(SplittableRandom rnd) {
        return switch (rnd.nextInt(8)) {
            case 0 -> -rnd.nextInt(100);                // already due
            case 1, 2 -> rnd.nextInt(64);                // level 0
            case 3 -> rnd.nextInt(4096);                 // levels 0-1
            case 4 -> rnd.nextLong(1L << 24);            // up to level 3
            case 5 -> rnd.nextLong(1L << 36);            // anywhere in range
            case 6 -> (1L << 36) + rnd.nextLong(1L << 38); // beyond the range: clamped
            default -> rnd.nextInt(200);
        };
    }
}
