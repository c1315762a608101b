package dev.weft.gateway.broker;

import java.time.Duration;
import java.util.Objects;

/** History kept for one publish: at most {@code historySize} publications, each for {@code historyTtl}. */
public record PublishOptions(int historySize, Duration historyTtl) {
    public static final PublishOptions NO_HISTORY = new PublishOptions(0, Duration.ZERO);

    public PublishOptions {
        Objects.requireNonNull(historyTtl, "historyTtl");
        if (historySize < 0) {
            throw new IllegalArgumentException("history_size must be non-negative: " + historySize);
        }
        if (historySize > 0 && !historyTtl.isPositive()) {
            throw new IllegalArgumentException("history_ttl must be positive when history_size is set");
        }
    }

    public boolean keepsHistory() {
        return historySize > 0;
    }
}
