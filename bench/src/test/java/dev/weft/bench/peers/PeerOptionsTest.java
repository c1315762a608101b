package dev.weft.bench.peers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeerOptionsTest {

    @Test
    void defaultsToAnEphemeralPortAndOneThreadPerProcessor() {
        PeerOptions options = PeerOptions.parse(new String[0]);

        assertThat(options.port()).isZero();
        assertThat(options.transport()).isNull();
        assertThat(options.transportOr(Transport.EPOLL)).isEqualTo(Transport.EPOLL);
        assertThat(options.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(options.compression()).isFalse();
        assertThat(options.reusePort()).isFalse();
    }

    @Test
    void parsesEveryOption() {
        PeerOptions options = PeerOptions.parse(
                new String[] {"--port", "8080", "--transport", "io_uring", "--threads", "3", "--compression",
                    "--reuse-port"});

        assertThat(options).isEqualTo(new PeerOptions(8080, Transport.IO_URING, 3, true, true));
    }

    @Test
    void badOptionsNameTheOption() {
        assertThatThrownBy(() -> PeerOptions.parse(new String[] {"--transport", "kqueue"}))
                .hasMessageContaining("--transport must be one of epoll, io_uring, nio");
        assertThatThrownBy(() -> PeerOptions.parse(new String[] {"--port", "x"}))
                .hasMessageContaining("--port needs a number");
        assertThatThrownBy(() -> PeerOptions.parse(new String[] {"--port", "70000"}))
                .hasMessageContaining("--port must be in 0..65535");
        assertThatThrownBy(() -> PeerOptions.parse(new String[] {"--threads", "0"}))
                .hasMessageContaining("--threads must be at least 1");
        assertThatThrownBy(() -> PeerOptions.parse(new String[] {"--threads"}))
                .hasMessageContaining("--threads needs a value");
        assertThatThrownBy(() -> PeerOptions.parse(new String[] {"--verbose"}))
                .hasMessageContaining("unknown option '--verbose'");
    }
}
