package dev.weft.bench.loadgen;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceAddressesTest {

    @Test
    void connectionsGoRoundTheAddressesFromTheFirst() {
        SourceAddresses s = new SourceAddresses(255, 3);

        assertThat(s.address(0).getHostAddress()).isEqualTo("127.0.0.255");
        assertThat(s.address(1).getHostAddress()).isEqualTo("127.0.1.0");
        assertThat(s.address(2).getHostAddress()).isEqualTo("127.0.1.1");
        assertThat(s.address(3).getHostAddress()).isEqualTo("127.0.0.255");
        assertThat(s).hasToString("127.0.0.255..127.0.1.1");
    }

    @Test
    void enoughAddressesForTwentyFiveThousandConnectionsEach() {
        assertThat(SourceAddresses.forConnections(1)).isEqualTo(new SourceAddresses(1, 1));
        assertThat(SourceAddresses.forConnections(25_000)).isEqualTo(new SourceAddresses(1, 1));
        assertThat(SourceAddresses.forConnections(25_001)).isEqualTo(new SourceAddresses(1, 2));
        assertThat(SourceAddresses.forConnections(100_000)).isEqualTo(new SourceAddresses(1, 4));
    }

    @Test
    void rangesLeavingLoopbackAreRefused() {
        assertThatThrownBy(() -> new SourceAddresses(0, 1)).hasMessageContaining("leave 127.0.0.0/8");
        assertThatThrownBy(() -> new SourceAddresses(1, 0)).hasMessageContaining("--source-addresses must be at least 1");
    }
}
