package dev.weft.gateway.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Centrifugo (Go's {@code time.ParseDuration}) writes them: {@code "300s"},
 * {@code "1h"}, {@code "5m30s"}, {@code "1.5h"}, {@code "250ms"}; units ns, us, ms, s, m, h.
 * A plain integer is seconds, as Centrifugo accepts for integer config values.
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");
    private static final Pattern INTEGER = Pattern.compile("\\d+");

    private Durations() {
    }

    /** @throws IllegalArgumentException naming what is wrong */
    public static Duration parse(String text) {
        String s = text.strip();
        if (INTEGER.matcher(s).matches()) {
            return Duration.ofSeconds(Long.parseLong(s));
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(s);
        int at = 0;
        double nanos = 0;
        while (at < s.length() && m.find(at) && m.start() == at) {
            nanos += Double.parseDouble(m.group(1)) * nanosPer(m.group(2));
            at = m.end();
        }
        if (s.isEmpty() || at != s.length()) {
            throw new IllegalArgumentException("unparsable duration \"" + text
                    + "\" (write it as 300s, 5m30s, 1h, 250ms or integer seconds)");
        }
        if (nanos > Long.MAX_VALUE) {
            throw new IllegalArgumentException("duration \"" + text + "\" is too long");
        }
        return Duration.ofNanos((long) nanos);
    }

    private static long nanosPer(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L; // h
        };
    }
}
