package dev.weft.bench.loadgen;

import picocli.CommandLine;

import java.time.Duration;
import java.util.Locale;

/** Command-line durations as people write them: {@code 10s}, {@code 500ms}, {@code 2m}, or ISO {@code PT10S}. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("pt")) {
            return Duration.parse(value.trim());
        }
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            }
            if (v.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)) * 60);
            }
        } catch (NumberFormatException e) {
            // Reported below with the accepted forms.
        }
        throw new CommandLine.TypeConversionException(
                "'" + value + "' is not a duration; write e.g. 10s, 500ms, 2m or PT10S");
    }

    /** {@code d} the way {@link #convert} reads it back: {@code 10s}, {@code 500ms}. */
    public static String format(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
