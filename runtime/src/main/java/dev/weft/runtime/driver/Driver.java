package dev.weft.runtime.driver;

/**
 * How a worker sleeps and is woken: the seam where the I/O driver plugs into the runtime.
 *
 * <p>Each worker owns one driver. Only the owner calls {@link #park(long)}; any thread calls
 * {@link #unpark()}. An unpark that happens before the park makes that park return at once
 * (the notification is never lost). An I/O driver polls its completions inside park and wakes
 * the tasks waiting on them before returning; {@code park(0)} polls without sleeping.
 */
public interface Driver extends AutoCloseable {

    /**
     * Sleeps until {@link #unpark()}, a completion, or {@code timeoutNanos} passes, whichever is
     * first. {@code timeoutNanos < 0} means no timeout; {@code 0} polls completions and returns.
     * Spurious returns are allowed. Owner thread only.
     */
    void park(long timeoutNanos);

    /** Wakes the owner from park, or makes its next park return at once. Any thread. */
    void unpark();

    /** Releases the driver's resources. Owner thread, after its last park. */
    @Override
    void close();
}
