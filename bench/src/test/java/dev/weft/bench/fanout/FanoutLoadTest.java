package dev.weft.bench.fanout;

import dev.weft.bench.proc.ServerProcess;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import dev.weft.gateway.auth.TokenIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A small fan-out run against each kind of server: every publication reaches every subscriber of its channel. */
class FanoutLoadTest {
    private static final String[] JVM_FLAGS = {
        "-Xmx256m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
    };
    private static final String SECRET = "fanout-test-secret-0123456789abcdef0123";

    /**
     * K = 1: 30 connections on 3 channels, 10 subscribers each. K = 3: 30 connections on 3 of 7
     * channels each, 90 subscriptions, so channels 0-5 have 13 subscribers and channel 6 has 12.
     */
    @ParameterizedTest(name = "{0} K={2}")
    @CsvSource({
        "dev.weft.bench.peers.WeftWebSocketBroadcastServer, 3, 1",
        "dev.weft.bench.peers.NettyWebSocketBroadcastServer, 3, 1",
        "dev.weft.gateway.server.GatewayMain, 3, 1",
        "dev.weft.bench.peers.WeftWebSocketBroadcastServer, 7, 3",
        "dev.weft.bench.peers.NettyWebSocketBroadcastServer, 7, 3",
        "dev.weft.gateway.server.GatewayMain, 7, 3",
    })
    void everyPublicationReachesEverySubscriberOfItsChannelExactlyOnce(String main, int channels, int k) throws Exception {
        boolean isGateway = main.endsWith("GatewayMain");
        List<String> args = isGateway ? List.of("--port", "0", "--io=epoll", "--workers=1")
                : List.of("--port", "0", "--transport", "epoll", "--threads", "1");
        try (ServerProcess server = ServerProcess.start(ServerProcess.Spec.of(main).withJvmFlags(JVM_FLAGS)
                .withArgs(args.toArray(String[]::new))
                .withEnv(isGateway ? Map.of("WEFT_TOKEN_HMAC_SECRET", SECRET) : Map.of())
                .withLog(Path.of("target", "peer-logs", "fanout-" + main.substring(main.lastIndexOf('.') + 1) + "-k" + k + ".log")))) {
            FanoutProtocol protocol = isGateway ? FanoutProtocol.CENTRIFUGO : FanoutProtocol.PLAIN;
            String token = isGateway ? TokenIssuer.hs256(SECRET.getBytes(StandardCharsets.UTF_8), InstantSource.system())
                    .connectionToken("fanout", Duration.ofMinutes(5), null, List.of()) : null;
            FanoutConfig config = new FanoutConfig(new InetSocketAddress("127.0.0.1", server.port()),
                    isGateway ? "/connection/websocket" : "/", protocol, token, 30, channels, k, 64, 0, 2,
                    Duration.ofMillis(300), Duration.ofMillis(500), Duration.ofSeconds(1), "epoll", 1, server.pid());

            FanoutResult r = FanoutLoad.run(config, System.err);

            assertThat(r.subscribedAtStart()).isEqualTo(30);
            assertThat(r.subsPerConnection()).isEqualTo(k);
            assertThat(r.publications()).isPositive();
            assertThat(r.completed()).isPositive();
            assertThat(r.lost()).as("deliveries owed at the end").isZero();
            assertThat(r.unattributed()).isZero();
            assertThat(r.excess()).as("duplicate or misrouted deliveries").isZero();
            assertThat(r.closedEarly()).isZero();
            assertThat(r.connectErrors() + r.replyErrors()).isZero();
            // Closed loop: within the window the deliveries are a channel's subscribers per completed publication,
            // give or take the two in flight at the window's edges.
            int fewest = 30 * k / channels;
            int most = fewest + (30 * k % channels == 0 ? 0 : 1);
            assertThat(r.deliveries()).isBetween(fewest * r.completed() - most * 2, most * r.completed() + most * 2);
            assertThat(r.serverCpuNanos()).isPositive();
            assertThat(r.lastP50Micros()).isPositive().isLessThanOrEqualTo(r.lastMaxMicros());
        }
    }

    @Test
    void aRefusedTokenFailsTheRunWithTheServersAnswer() throws Exception {
        try (ServerProcess server = ServerProcess.start(ServerProcess.Spec.of("dev.weft.gateway.server.GatewayMain")
                .withJvmFlags(JVM_FLAGS).withArgs("--port", "0", "--io=epoll", "--workers=1")
                .withEnv(Map.of("WEFT_TOKEN_HMAC_SECRET", SECRET))
                .withLog(Path.of("target", "peer-logs", "fanout-badtoken.log")))) {
            String wrong = TokenIssuer.hs256("another-secret-0123456789abcdef0123456".getBytes(StandardCharsets.UTF_8),
                    InstantSource.system()).connectionToken("x", Duration.ofMinutes(5), null, List.of());
            FanoutConfig config = new FanoutConfig(new InetSocketAddress("127.0.0.1", server.port()),
                    "/connection/websocket", FanoutProtocol.CENTRIFUGO, wrong, 2, 1, 1, 64, 0, 1,
                    Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(100), "epoll", 1, 0);

            assertThatThrownBy(() -> FanoutLoad.run(config, System.err))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("subscribed");
        }
    }

    @Test
    void bodyCarriesSequenceAndTimeAndIsPaddedToTheSize() {
        String body = FanoutWire.body(42, 123456789L, 64);
        assertThat(body).hasSize(64).startsWith("s=42 t=123456789");
        byte[] push = ("{\"push\":{\"channel\":\"bench-0\",\"pub\":{\"data\":\"" + body + "\",\"offset\":7}}}")
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(FanoutWire.field(push, push.length, (byte) 's')).isEqualTo(42);
        assertThat(FanoutWire.field(push, push.length, (byte) 't')).isEqualTo(123456789L);
        byte[] plain = FanoutWire.plainPublish("bench-0", body).getBytes(StandardCharsets.US_ASCII);
        assertThat(FanoutWire.field(plain, plain.length, (byte) 's')).isEqualTo(42);
        byte[] none = "subscribed:bench-0".getBytes(StandardCharsets.US_ASCII);
        assertThat(FanoutWire.field(none, none.length, (byte) 's')).isEqualTo(-1);
    }

    @Test
    void subscribersSpreadEvenlyOverChannels() {
        FanoutConfig c = config(10, 3, 1, FanoutProtocol.PLAIN, null);
        assertThat(List.of(c.subscribersOn(0), c.subscribersOn(1), c.subscribersOn(2))).containsExactly(4, 3, 3);
        assertThatThrownBy(() -> config(10, 3, 1, FanoutProtocol.CENTRIFUGO, null)).hasMessageContaining("token");
    }

    @ParameterizedTest(name = "{0} connections, {1} channels, K={2}")
    @CsvSource({"10, 3, 1", "30, 7, 3", "1000, 100, 10", "7, 5, 5", "3, 9, 3", "4, 10, 3"})
    void eachConnectionJoinsKDistinctChannelsAndEveryChannelHasItsCount(int connections, int channels, int k) {
        FanoutConfig c = config(connections, channels, k, FanoutProtocol.PLAIN, null);
        int[] counted = new int[channels];
        for (int i = 0; i < connections; i++) {
            Set<Integer> mine = new HashSet<>();
            for (int j = 0; j < k; j++) {
                mine.add(c.channelOf(i, j));
                counted[c.channelOf(i, j)]++;
            }
            assertThat(mine).as("channels of connection %d", i).hasSize(k);
            for (int ch = 0; ch < channels; ch++) {
                assertThat(c.joins(i, ch)).as("connection %d joins channel %d", i, ch).isEqualTo(mine.contains(ch));
            }
        }
        for (int ch = 0; ch < channels; ch++) {
            assertThat(counted[ch]).as("subscribers on channel %d", ch).isEqualTo(c.subscribersOn(ch)).isPositive();
        }
        assertThat(IntStream.of(counted).sum()).isEqualTo(connections * k);
    }

    @Test
    void aShapeThatCannotBeSpreadIsRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> config(10, 3, 0, FanoutProtocol.PLAIN, null))
                .hasMessage("subscriptions per connection must be between 1 and the channel count (3): "
                        + "a connection joins distinct channels; was 0");
        assertThatThrownBy(() -> config(10, 3, 4, FanoutProtocol.PLAIN, null))
                .hasMessageContaining("between 1 and the channel count (3)").hasMessageContaining("was 4");
        assertThatThrownBy(() -> config(2, 7, 3, FanoutProtocol.PLAIN, null))
                .hasMessage("need channels <= subscribers x subscriptions per connection (every channel needs a "
                        + "subscriber); got 7 channel(s), 2 x 3");
        assertThatThrownBy(() -> config(0, 1, 1, FanoutProtocol.PLAIN, null))
                .hasMessageContaining("at least 1 subscriber");
        assertThatThrownBy(() -> config(1 << 20, 1 << 12, 1 << 12, FanoutProtocol.PLAIN, null))
                .hasMessageContaining("too many subscriptions");
    }

    @Test
    void aCentrifugoSubscriberSubscribesToEachOfItsChannelsInOneFrame() {
        assertThat(FanoutWire.centrifugoConnectAndSubscribe("tok", List.of("bench-4", "bench-5")).split("\n"))
                .containsExactly("{\"id\":1,\"connect\":{\"token\":\"tok\"}}",
                        "{\"id\":2,\"subscribe\":{\"channel\":\"bench-4\"}}",
                        "{\"id\":3,\"subscribe\":{\"channel\":\"bench-5\"}}");
    }

    private static FanoutConfig config(int connections, int channels, int k, FanoutProtocol protocol, String token) {
        return new FanoutConfig(new InetSocketAddress(1), "/", protocol, token, connections, channels, k, 64, 0, 1,
                Duration.ZERO, Duration.ZERO, Duration.ZERO, "epoll", 1, 0);
    }
}
