package dev.weft.http;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The {@code Date} field value in IMF-fixdate form (RFC 9110 §5.6.7), formatted at most once per
 * second. ({@code DateTimeFormatter.RFC_1123_DATE_TIME} is not it: it writes one-digit days.)
 *
 * <p>Thread roles: one instance per writer thread; not thread-safe.
 */
public final class HttpDate {

    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Clock clock;
    /** Owner thread only. The second the cached bytes are for. */
    private long cachedSecond = Long.MIN_VALUE;
    /** Owner thread only. */
    private byte[] cached;

    public HttpDate(Clock clock) {
        this.clock = clock;
    }

    /** The current date as ASCII bytes; the same array until the second changes (do not modify). */
    byte[] bytes() {
        long now = clock.millis();
        long second = Math.floorDiv(now, 1000);
        if (second != cachedSecond) {
            cached = IMF_FIXDATE.format(java.time.Instant.ofEpochSecond(second)).getBytes(StandardCharsets.US_ASCII);
            cachedSecond = second;
        }
        return cached;
    }

    public String current() {
        return new String(bytes(), StandardCharsets.US_ASCII);
    }
}
