package dev.weft.bench.harness;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FanoutShapeTest {

    @Test
    void connectionsOverChannelsMeansOneChannelPerConnection() {
        assertThat(FanoutShape.parse("10000/100")).isEqualTo(new FanoutShape("10000/100", 10000, 100, 1));
        assertThat(FanoutShape.parse("10000/100").tag()).isEqualTo("10000x100");
    }

    @Test
    void aTrailingXkGivesEachConnectionKChannels() {
        FanoutShape s = FanoutShape.parse("10000/1000x10");
        assertThat(s).isEqualTo(new FanoutShape("10000/1000x10", 10000, 1000, 10));
        assertThat(s.tag()).isEqualTo("10000x1000x10");
    }

    @Test
    void aMalformedOrImpossibleShapeIsRefusedNamingIt() {
        assertThatThrownBy(() -> FanoutShape.parse("10000"))
                .hasMessage("--shapes: '10000' is not connections/channels or connections/channelsxK");
        assertThatThrownBy(() -> FanoutShape.parse("10000/10x2x3")).hasMessage("--shapes: '10000/10x2x3' has more than one 'x'");
        assertThatThrownBy(() -> FanoutShape.parse("10000/abc"))
                .hasMessage("--shapes: '10000/abc': channels must be a whole number >= 1; was 'abc'");
        assertThatThrownBy(() -> FanoutShape.parse("10000/10x0"))
                .hasMessage("--shapes: '10000/10x0': K (subscriptions per connection) must be a whole number >= 1; was '0'");
        assertThatThrownBy(() -> FanoutShape.parse("10000/10x11"))
                .hasMessageStartingWith("--shapes: '10000/10x11': subscriptions per connection must be between 1 and the channel count (10)");
        assertThatThrownBy(() -> FanoutShape.parse("10/100x2"))
                .hasMessageStartingWith("--shapes: '10/100x2': need channels <= subscribers x subscriptions per connection");
    }
}
