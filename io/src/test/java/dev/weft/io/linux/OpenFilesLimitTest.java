package dev.weft.io.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OpenFilesLimitTest {

    @Test
    void readsWhatProcLimitsShowsAndRaisesTheSoftLimitToTheHardOne() throws Exception {
        OpenFilesLimit after = OpenFilesLimit.raiseSoftToHard();
        assertThat(after.soft()).as("soft after raising; %s", after).isEqualTo(after.hard());
        String line = Files.readAllLines(Path.of("/proc/self/limits")).stream()
                .filter(l -> l.startsWith("Max open files")).findFirst().orElseThrow();
        String[] fields = line.substring("Max open files".length()).trim().split("\\s+");
        assertThat(Long.parseLong(fields[0])).as("soft in /proc/self/limits: %s", line).isEqualTo(after.soft());
        assertThat(Long.parseLong(fields[1])).as("hard in /proc/self/limits: %s", line).isEqualTo(after.hard());
    }
}
