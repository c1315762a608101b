package dev.weft.bench.fanout;

import dev.weft.bench.proc.ServerProcess;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import dev.weft.gateway.auth.TokenIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A small fan-out run against each kind of server: every publication reaches every subscriber of its channel. */
class FanoutLoadTest {
    private static final String[] JVM_FLAGS = {
        "-Xmx256m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
    };
    private static final String SECRET = "fanout-test-secret-0123456789abcdef0123";

    @ParameterizedTest
    @ValueSource(strings = {"dev.weft.bench.peers.WeftWebSocketBroadcastServer",
            "dev.weft.bench.peers.NettyWebSocketBroadcastServer", "dev.weft.gateway.server.GatewayMain"})
    void everyPublicationReachesEverySubscriberOfItsChannel(String main) throws Exception {
        boolean isGateway = main.endsWith("GatewayMain");
        List<String> args = isGateway ? List.of("--port", "0", "--io=epoll", "--workers=1")
                : List.of("--port", "0", "--transport", "epoll", "--threads", "1");
        try (ServerProcess server = ServerProcess.start(ServerProcess.Spec.of(main).withJvmFlags(JVM_FLAGS)
                .withArgs(args.toArray(String[]::new))
                .withEnv(isGateway ? Map.of("WEFT_TOKEN_HMAC_SECRET", SECRET) : Map.of())
                .withLog(Path.of("target", "peer-logs", "fanout-" + main.substring(main.lastIndexOf('.') + 1) + ".log")))) {
            FanoutProtocol protocol = isGateway ? FanoutProtocol.CENTRIFUGO : FanoutProtocol.PLAIN;
            String token = isGateway ? TokenIssuer.hs256(SECRET.getBytes(StandardCharsets.UTF_8), InstantSource.system())
                    .connectionToken("fanout", Duration.ofMinutes(5), null, List.of()) : null;
            FanoutConfig config = new FanoutConfig(new InetSocketAddress("127.0.0.1", server.port()),
                    isGateway ? "/connection/websocket" : "/", protocol, token, 30, 3, 64, 0, 2,
                    Duration.ofMillis(300), Duration.ofMillis(500), Duration.ofSeconds(1), "epoll", 1, server.pid());

            FanoutResult r = FanoutLoad.run(config, System.err);

            assertThat(r.subscribedAtStart()).isEqualTo(30);
            assertThat(r.publications()).isPositive();
            assertThat(r.completed()).isPositive();
            assertThat(r.lost()).as("deliveries owed at the end").isZero();
            assertThat(r.unattributed()).isZero();
            assertThat(r.closedEarly()).isZero();
            assertThat(r.connectErrors() + r.replyErrors()).isZero();
            // Closed loop: within the window the deliveries are ten per completed publication, give or take the window's edges.
            assertThat(r.deliveries()).isBetween(10 * r.completed() - 10 * 2, 10 * r.completed() + 10 * 2);
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
                    "/connection/websocket", FanoutProtocol.CENTRIFUGO, wrong, 2, 1, 64, 0, 1,
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
        FanoutConfig c = new FanoutConfig(new InetSocketAddress(1), "/", FanoutProtocol.PLAIN, null, 10, 3, 64, 0, 1,
                Duration.ZERO, Duration.ZERO, Duration.ZERO, "epoll", 1, 0);
        assertThat(List.of(c.subscribersOn(0), c.subscribersOn(1), c.subscribersOn(2))).containsExactly(4, 3, 3);
        assertThatThrownBy(() -> new FanoutConfig(new InetSocketAddress(1), "/", FanoutProtocol.CENTRIFUGO, null, 10, 3,
                64, 0, 1, Duration.ZERO, Duration.ZERO, Duration.ZERO, "epoll", 1, 0)).hasMessageContaining("token");
    }
}
