package dev.weft.bench.loadgen;

/**
 * What one run of the {@code idle} scenario saw.
 *
 * @param connections connections asked for
 * @param open connections open when holding began
 * @param connectErrors failed connects
 * @param firstError the first failure's message, or null
 * @param rampNanos time from the start until every connection had connected or failed
 * @param heldNanos how long the connections were held
 */
public record IdleLoadResult(int connections, int open, long connectErrors, String firstError, long rampNanos,
                             long heldNanos) {
}
