package dev.weft.gateway.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.gateway.server.LeakCheck;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Graceful shutdown with 1,000 clients connected over real sockets: every one is closed with 3001 shutdown. */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GracefulShutdownTest {
    static final int CLIENTS = 1_000;

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    @Test
    void shutdownClosesEachOfAThousandClientsWith3001() throws Exception {
        try (LoadGateway gw = new LoadGateway(leaks.newPool()); CentrifugeClients clients = new CentrifugeClients()) {
            clients.connect(gw.websocket(), gw.token("u"), "room", CLIENTS, Duration.ofSeconds(40));
            assertThat(gw.server.connectionCount()).isEqualTo(CLIENTS);

            gw.shutdown();
            assertThat(gw.server.connectionCount()).isZero();
            Map<String, Long> closes = clients.clients.stream()
                    .map(c -> c.closed.orTimeout(10, TimeUnit.SECONDS).join())
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(closes).isEqualTo(Map.of("3001 shutdown", (long) CLIENTS));
        }
    }
}
