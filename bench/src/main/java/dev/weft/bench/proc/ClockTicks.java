package dev.weft.bench.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The kernel's clock tick ({@code USER_HZ}), the unit of the CPU times in
 * {@code /proc/<pid>/stat}: asked once of {@code getconf CLK_TCK}, 100 if that fails
 * (the value on every mainstream Linux architecture).
 */
public final class ClockTicks {

    static final long DEFAULT_TICKS_PER_SECOND = 100;

    private ClockTicks() {}

    /** Ticks per second. */
    public static long perSecond() {
        return Holder.TICKS_PER_SECOND;
    }

    /** {@code ticks} in nanoseconds. */
    public static long toNanos(long ticks) {
        return Math.multiplyExact(ticks, TimeUnit.SECONDS.toNanos(1)) / perSecond();
    }

    /** Lazy so that only a caller of /proc pays for the {@code getconf} process. */
    private static final class Holder {
        static final long TICKS_PER_SECOND = askGetconf();
    }

    private static long askGetconf() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (!getconf.waitFor(5, TimeUnit.SECONDS) || getconf.exitValue() != 0) {
                return DEFAULT_TICKS_PER_SECOND;
            }
            long ticks = Long.parseLong(out);
            return ticks > 0 ? ticks : DEFAULT_TICKS_PER_SECOND;
        } catch (IOException | NumberFormatException e) {
            return DEFAULT_TICKS_PER_SECOND;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DEFAULT_TICKS_PER_SECOND;
        }
    }
}
