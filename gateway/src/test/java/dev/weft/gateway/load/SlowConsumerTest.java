package dev.weft.gateway.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.gateway.server.GatewayServer;
import dev.weft.gateway.server.LeakCheck;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A subscriber that stops reading fills its bounded queue and is cut with 3008 slow, while
 * the other subscribers of the same channel (Weft WebSocket clients on another runtime) go
 * on receiving every publication, in order and once each.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SlowConsumerTest {
    static final int FAST_SUBSCRIBERS = 20;
    static final String BIG = "x".repeat(64 * 1024);

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    @Test
    void aSubscriberThatStopsReadingIsCutWith3008AndTheOthersMissNothing() throws Exception {
        try (LoadGateway gw = new LoadGateway(leaks.newPool()); CentrifugeClients fast = new CentrifugeClients();
             RawWebSocket slow = new RawWebSocket(gw.port, GatewayServer.WEBSOCKET_PATH, 8 * 1024)) {
            slow.sendText("{\"id\":1,\"connect\":{\"token\":\"" + gw.token("slow") + "\"}}");
            slow.sendText("{\"id\":2,\"subscribe\":{\"channel\":\"firehose\"}}");
            String replies = "";
            while (!replies.contains("{\"id\":2,\"subscribe\":")) {
                replies += slow.readFrame().text(); // the connect reply, then the subscribe reply
            }
            fast.connect(gw.websocket(), gw.token("fast"), "firehose", FAST_SUBSCRIBERS, Duration.ofSeconds(20));
            assertThat(gw.server.connectionCount()).isEqualTo(FAST_SUBSCRIBERS + 1);

            // The slow one reads no more: 64 KiB publications until its 1 MiB queue overflows.
            int published = 0;
            while (gw.server.connectionCount() > FAST_SUBSCRIBERS && published < 2_000) {
                gw.api("publish", "{\"channel\":\"firehose\",\"data\":\"" + BIG + "\"}");
                published++;
            }
            assertThat(gw.server.connectionCount()).as("slow one cut after %d publications", published)
                    .isEqualTo(FAST_SUBSCRIBERS);
            for (int i = 0; i < 5; i++) {
                gw.api("publish", "{\"channel\":\"firehose\",\"data\":\"after\"}");
                published++;
            }

            fast.awaitPublications(published, Duration.ofSeconds(30));
            List<Long> all = LongStream.rangeClosed(1, published).boxed().toList();
            for (CentrifugeClients.Client c : fast.clients) {
                assertThat(c.offsets()).as("offsets one fast subscriber received").isEqualTo(all);
                assertThat(c.closed).isNotDone();
            }

            // Read the backlog; the close frame behind it says why.
            int backlog = 0;
            RawWebSocket.Frame f;
            while ((f = slow.readFrame()).opcode() != RawWebSocket.OPCODE_CLOSE) {
                assertThat(f.text()).startsWith("{\"push\":{\"channel\":\"firehose\",\"pub\":");
                backlog++;
            }
            assertThat(f.closeCode()).isEqualTo(3008);
            assertThat(f.closeReason()).isEqualTo("slow");
            assertThat(backlog).as("publications the slow one got before the cut").isLessThan(published);
            fast.closeAll(Duration.ofSeconds(10));
        }
    }
}
