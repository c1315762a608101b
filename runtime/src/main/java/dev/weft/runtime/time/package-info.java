/**
 * Timers: {@link dev.weft.runtime.time.TimerWheel} (a hierarchical timing wheel of 1 ms ticks),
 * {@link dev.weft.runtime.time.TimeDriver} (one per worker, fired by that worker), and the futures
 * built on them: {@link dev.weft.runtime.time.Sleep}, {@link dev.weft.runtime.time.Timeout},
 * {@link dev.weft.runtime.time.Interval}, with {@link dev.weft.runtime.time.Time} as the entry point.
 *
 * <h2>Waker protocol of a sleep</h2>
 * A sleep registers with the timers of the worker that first polls it; it fires on that worker,
 * while its task may by then be polled on another. Both sides touch two volatile fields of its
 * {@code WakerEntry}:
 * <ol>
 *   <li>The poller stores the waker of its current poll ({@code svWaker}), before the first
 *       registration and again whenever a later poll brings a different waker.</li>
 *   <li>The poller then reads {@code fired}; true means Ready.</li>
 *   <li>The owner, when the deadline passes, stores {@code fired = true} then reads the waker
 *       and wakes it.</li>
 * </ol>
 * Correct because all four accesses are volatile, so they fall in one total order: if the
 * owner's read of the waker (3) comes before the poller's store (1), then the owner's store of
 * {@code fired} came before it too and the poller's read (2) sees true; otherwise the owner
 * reads the new waker and wakes the current poller. A fire is never lost between the poller's
 * check and its registration. A wake of a waker replaced meanwhile is only a spurious poll.
 * The first registration needs no re-check: the entry is not in the wheel before it.
 *
 * <h2>Cancellation</h2>
 * A sleep is {@link java.lang.AutoCloseable}: a task whose future is a sleep (or a
 * {@link dev.weft.runtime.time.Timeout}) closes it when the task ends, aborted or not, which
 * cancels the timer. A sleep nested inside a hand-written future should be closed by that
 * future's own {@code close()}, or registered with
 * {@link dev.weft.runtime.Context#registerCleanup}.
 */
package dev.weft.runtime.time;
