package dev.weft.runtime.time;

/**
 * A hierarchical timing wheel with 1 ms ticks: six levels of 64 slots, as Tokio's
 * {@code runtime/time/wheel} (after Varghese and Lauck's hashed hierarchical wheels).
 *
 * <p>Level {@code L} has slots {@code 64^L} ticks wide, so level 0 covers 64 ms one tick per
 * slot, level 1 covers 4 s, ... level 5 covers {@code 2^36} ms (about 2.2 years). An entry due at
 * tick {@code when} goes in the level of the highest 6-bit group in which {@code when} differs
 * from {@link #elapsed()}, at slot {@code (when >> 6L) & 63}. Deadlines further away than the
 * wheel's range clamp to level 5, whose slots then come round more than once before they are due.
 *
 * <p>Invariants (between calls):
 * <ol>
 *   <li>An entry at level {@code L < 5} is never in the slot that {@code elapsed} is in at that
 *       level, and its slot is ahead of it: every level-L slot ends before any level-(L+1) slot
 *       begins. So the earliest non-empty slot is the first one found scanning up from level 0.</li>
 *   <li>{@code elapsed} only moves forward, to a slot's start (when that slot is processed) or to
 *       the caller's {@code now} when nothing is due by then; neither step skips an occupied slot.</li>
 * </ol>
 * Processing a slot at level {@code L > 0} cascades: entries due at its start fire, the rest
 * are re-inserted relative to the slot's start, into a lower level.
 *
 * <p>Not thread-safe: {@link TimeDriver} guards it with its lock. {@link #nextExpiration()} uses one
 * 64-bit occupancy word per level, so it costs at most six rotate-and-count-zeros steps.
 */
final class TimerWheel {

    static final int LEVELS = 6;
    static final int SLOTS_PER_LEVEL = 64;
    private static final int SLOT_BITS = 6;
    private static final long SLOT_MASK = SLOTS_PER_LEVEL - 1;
    /** Ticks the wheel spans; deadlines further out clamp to the top level. */
    static final long MAX_DURATION = (1L << (SLOT_BITS * LEVELS)) - 1;
    /** Index of the list of entries that are due but not yet polled. */
    static final int PENDING = LEVELS * SLOTS_PER_LEVEL;

    /** Head of each slot's list, {@code level * 64 + slot}, plus the pending list at {@link #PENDING}. */
    private final TimerEntry[] heads = new TimerEntry[PENDING + 1];
    /** Bit {@code s} of {@code occupied[L]} is set iff slot {@code s} of level {@code L} is non-empty. */
    private final long[] occupied = new long[LEVELS];
    /** Ticks the wheel has advanced to: every entry due at or before it has been moved to pending. */
    private long elapsed;
    private int size;

    long elapsed() {
        return elapsed;
    }

    int size() {
        return size;
    }

    /**
     * Inserts {@code entry}, which must not be in the wheel, to expire at tick {@code whenTick}.
     * An entry already due ({@code whenTick <= elapsed}) goes straight to the pending list.
     */
    void insert(TimerEntry entry, long whenTick) {
        assert !entry.isInWheel() : "entry already in the wheel at list " + entry.slot;
        entry.whenTick = whenTick;
        size++;
        if (whenTick <= elapsed) {
            pushFront(PENDING, entry);
        } else {
            place(entry);
        }
    }

    /** Removes {@code entry} if it is in the wheel; returns whether it was. O(1). */
    boolean remove(TimerEntry entry) {
        if (!entry.isInWheel()) {
            return false;
        }
        unlink(entry);
        size--;
        return true;
    }

    /**
     * The tick at which the wheel next has work: {@link #elapsed()} when entries are pending,
     * otherwise the start of the earliest non-empty slot (at level > 0 that may be before the
     * entries' own deadlines: reaching it cascades them down). {@link Long#MAX_VALUE} when empty.
     */
    long nextExpiration() {
        if (heads[PENDING] != null) {
            return elapsed;
        }
        for (int level = 0; level < LEVELS; level++) {
            if (occupied[level] != 0) {
                return slotDeadline(level, nextOccupiedSlot(level));
            }
        }
        return Long.MAX_VALUE;
    }

    /**
     * Removes and returns one entry due at or before {@code nowTick}, or null when none is due;
     * advances {@link #elapsed()} up to {@code nowTick} (never back). Entries come out roughly in
     * deadline order: slot by slot, unordered within a slot and among late insertions.
     */
    TimerEntry poll(long nowTick) {
        while (true) {
            TimerEntry due = heads[PENDING];
            if (due != null) {
                unlink(due);
                size--;
                return due;
            }
            int level = firstOccupiedLevel();
            if (level < 0) {
                advanceTo(nowTick);
                return null;
            }
            int slot = nextOccupiedSlot(level);
            long deadline = slotDeadline(level, slot);
            if (deadline > nowTick) {
                advanceTo(nowTick);
                return null;
            }
            processSlot(level, slot, deadline);
        }
    }

    // ---- levels and slots ----

    /** Level of an entry due at {@code whenTick} while the wheel is at {@code elapsedTick} (Tokio's level_for). */
    static int levelFor(long elapsedTick, long whenTick) {
        long masked = (elapsedTick ^ whenTick) | SLOT_MASK;
        if (masked >= MAX_DURATION) {
            masked = MAX_DURATION - 1;
        }
        int significant = 63 - Long.numberOfLeadingZeros(masked);
        return significant / SLOT_BITS;
    }

    static int slotFor(long tick, int level) {
        return (int) ((tick >>> (SLOT_BITS * level)) & SLOT_MASK);
    }

    /** Ticks covered by one slot of {@code level}. */
    private static long slotRange(int level) {
        return 1L << (SLOT_BITS * level);
    }

    /** Ticks covered by all of {@code level}. */
    private static long levelRange(int level) {
        return 1L << (SLOT_BITS * (level + 1));
    }

    private int firstOccupiedLevel() {
        for (int level = 0; level < LEVELS; level++) {
            if (occupied[level] != 0) {
                return level;
            }
        }
        return -1;
    }

    /**
     * The first occupied slot of {@code level} after the one {@code elapsed} is in, wrapping round
     * so that elapsed's own slot comes last: below the top level it is always empty (invariant 1),
     * and at the top level it holds only clamped entries, due a full turn later than every other slot.
     */
    private int nextOccupiedSlot(int level) {
        int from = (slotFor(elapsed, level) + 1) & (int) SLOT_MASK;
        long rotated = Long.rotateRight(occupied[level], from);
        return (Long.numberOfTrailingZeros(rotated) + from) & (int) SLOT_MASK;
    }

    /**
     * The first tick of {@code slot} at {@code level} after {@code elapsed}. A slot at or behind
     * elapsed's can only hold clamped top-level entries (invariant 1), due a full turn later.
     */
    private long slotDeadline(int level, int slot) {
        long levelRange = levelRange(level);
        long levelStart = elapsed & -levelRange;
        long deadline = levelStart + slot * slotRange(level);
        if (deadline <= elapsed) {
            assert level == LEVELS - 1 : "slot behind elapsed below the top level: level=%d slot=%d elapsed=%d"
                    .formatted(level, slot, elapsed);
            deadline += levelRange;
        }
        return deadline;
    }

    /** Empties one slot that starts at {@code deadline}: due entries to pending, the rest cascade down. */
    private void processSlot(int level, int slot, long deadline) {
        int list = level * SLOTS_PER_LEVEL + slot;
        TimerEntry entry = heads[list];
        heads[list] = null;
        occupied[level] &= ~(1L << slot);
        elapsed = deadline;
        while (entry != null) {
            TimerEntry next = entry.next;
            entry.prev = null;
            entry.next = null;
            entry.slot = TimerEntry.NOT_IN_WHEEL;
            if (entry.whenTick <= deadline) {
                pushFront(PENDING, entry);
            } else {
                place(entry);
            }
            entry = next;
        }
    }

    private void advanceTo(long nowTick) {
        if (nowTick > elapsed) {
            elapsed = nowTick;
        }
    }

    // ---- intrusive lists ----

    /** Puts a not-yet-due entry in its slot relative to {@code elapsed}. */
    private void place(TimerEntry entry) {
        int level = levelFor(elapsed, entry.whenTick);
        int slot = slotFor(entry.whenTick, level);
        occupied[level] |= 1L << slot;
        pushFront(level * SLOTS_PER_LEVEL + slot, entry);
    }

    private void pushFront(int list, TimerEntry entry) {
        TimerEntry head = heads[list];
        entry.prev = null;
        entry.next = head;
        if (head != null) {
            head.prev = entry;
        }
        heads[list] = entry;
        entry.slot = list;
    }

    private void unlink(TimerEntry entry) {
        int list = entry.slot;
        TimerEntry prev = entry.prev;
        TimerEntry next = entry.next;
        if (prev != null) {
            prev.next = next;
        } else {
            heads[list] = next;
            if (next == null && list != PENDING) {
                occupied[list / SLOTS_PER_LEVEL] &= ~(1L << (list % SLOTS_PER_LEVEL));
            }
        }
        if (next != null) {
            next.prev = prev;
        }
        entry.prev = null;
        entry.next = null;
        entry.slot = TimerEntry.NOT_IN_WHEEL;
    }
}
