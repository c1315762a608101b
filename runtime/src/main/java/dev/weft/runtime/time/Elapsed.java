package dev.weft.runtime.time;

import java.time.Duration;

/** Thrown by a {@link Timeout} whose inner future did not complete within its duration. */
public final class Elapsed extends RuntimeException {

    private final Duration duration;

    Elapsed(Duration duration) {
        super("future did not complete within " + describe(duration));
        this.duration = duration;
    }

    /** The duration the future was given. */
    public Duration duration() {
        return duration;
    }

    private static String describe(Duration d) {
        if (d.toNanosPart() % 1_000_000 == 0 && d.getSeconds() < 1_000_000) {
            return d.toMillis() + " ms";
        }
        return d.toString();
    }
}
