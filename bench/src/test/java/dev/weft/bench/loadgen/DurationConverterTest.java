package dev.weft.bench.loadgen;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsSecondsMillisecondsMinutesAndIso() {
        assertThat(converter.convert("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(converter.convert("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("PT3S")).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void formatReadsBackAsTheSameDuration() {
        for (Duration d : new Duration[] {Duration.ofSeconds(10), Duration.ofMillis(250), Duration.ZERO}) {
            assertThat(converter.convert(DurationConverter.format(d))).as("%s", d).isEqualTo(d);
        }
    }

    @Test
    void rejectsANumberWithoutUnit() {
        assertThatThrownBy(() -> converter.convert("10"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("'10' is not a duration");
    }
}
