package dev.weft.bench.harness;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LiveProgressTest {

    @Test
    void sumsTheGeneratorsLatestProgressLines() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (LiveProgress live = new LiveProgress(sink, "echo weft-io_uring 100k", 2)) {
            live.update(0, "[  3.0s] warm-up conns 16667  msgs/s 12,345  errors 1");
            live.update(1, "INFO: I/O backend io_uring: asked for io_uring");
            live.update(1, "[  3.1s] warm-up conns 16666  msgs/s 10,000  errors 2");

            assertThat(live.line()).isEqualTo("echo weft-io_uring 100k: warm-up conns 33,333  msgs/s 22,345  errors 3");
        }
    }

    @Test
    void theHeapHistogramsTotalLineIsTheLiveHeap() throws Exception {
        String histogram = """
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:          1234         567890  [B (java.base@25)
                Total         98765       12345678
                """;
        assertThat(HeapHistogram.parseTotal(histogram, 42)).isEqualTo(12_345_678);
    }
}
