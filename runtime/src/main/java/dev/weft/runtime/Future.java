package dev.weft.runtime;

/**
 * An asynchronous computation, driven by polling (Rust's {@code Future}).
 *
 * <p>Contract:
 * <ol>
 *   <li>{@code poll} never blocks. It returns {@link Poll#ready(Object)} once, or
 *       {@link Poll#pending()} after arranging for {@code cx.waker()} to be woken when progress
 *       is possible. A future that returns Pending without arranging a wake is never polled again.</li>
 *   <li>After Ready, the future is not polled again.</li>
 *   <li>Leaf futures (I/O, channels, timers) spend the cooperative budget with
 *       {@link Context#consumeBudget()}, so one busy task cannot starve others.</li>
 *   <li>A future that holds resources may implement {@link AutoCloseable}: its task closes it
 *       exactly once when the task ends (completed, failed or aborted), the equivalent of Rust's
 *       drop. Resources taken mid-flight can be registered with {@link Context#registerCleanup}.</li>
 * </ol>
 * Throwing from {@code poll} fails the task; the exception lands in its {@link JoinHandle}.
 */
@FunctionalInterface
public interface Future<T> {

    Poll<T> poll(Context cx);
}
