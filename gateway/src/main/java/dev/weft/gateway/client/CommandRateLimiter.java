package dev.weft.gateway.client;

/**
 * A token bucket for one connection's commands: {@code burst} tokens at most, refilled at
 * {@code ratePerSecond}. Not thread-safe: the owning {@link Client} calls it under its lock.
 */
final class CommandRateLimiter {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double tokensPerNano;
    private final double capacity;
    private double tokens;
    private long lastRefillNanos;

    CommandRateLimiter(int ratePerSecond, int burst, long nowNanos) {
        this.tokensPerNano = (double) ratePerSecond / NANOS_PER_SECOND;
        this.capacity = burst > 0 ? burst : ratePerSecond;
        this.tokens = capacity;
        this.lastRefillNanos = nowNanos;
    }

    /** Takes one token if there is one. */
    boolean tryAcquire(long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - lastRefillNanos) * tokensPerNano);
        lastRefillNanos = nowNanos;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
