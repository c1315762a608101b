package dev.weft.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Join and leave pushes, presence and presence stats. */
class PresenceTest {
    private final Gateway gw = new Gateway();

    @Test
    void joinLeaveAndPresence() {
        Gateway.Conn a = gw.connected("1");
        Gateway.Conn b = gw.connected("2");
        a.frame("{\"subscribe\":{\"channel\":\"chat:r\",\"join_leave\":true},\"id\":2}");
        a.take();
        b.frame("{\"subscribe\":{\"channel\":\"chat:r\"},\"id\":2}");
        b.take();
        assertThat(a.take()).containsExactly(
                "{\"push\":{\"channel\":\"chat:r\",\"join\":{\"info\":{\"user\":\"2\",\"client\":\"c2\"}}}}");
        a.frame("{\"presence\":{\"channel\":\"chat:r\"},\"id\":3}");
        a.frame("{\"presence_stats\":{\"channel\":\"chat:r\"},\"id\":4}");
        assertThat(a.take()).containsExactly(
                "{\"id\":3,\"presence\":{\"presence\":{\"c1\":{\"user\":\"1\",\"client\":\"c1\"},"
                        + "\"c2\":{\"user\":\"2\",\"client\":\"c2\"}}}}",
                "{\"id\":4,\"presence_stats\":{\"num_clients\":2,\"num_users\":2}}");
        b.client().close();
        assertThat(a.take()).containsExactly(
                "{\"push\":{\"channel\":\"chat:r\",\"leave\":{\"info\":{\"user\":\"2\",\"client\":\"c2\"}}}}");
        a.frame("{\"presence_stats\":{\"channel\":\"chat:r\"},\"id\":5}");
        assertThat(a.take()).containsExactly("{\"id\":5,\"presence_stats\":{\"num_clients\":1,\"num_users\":1}}");
    }

    @Test
    void presenceLastsWhileTheConnectionUpdatesIt() {
        Gateway.Conn a = gw.connected("1");
        Gateway.Conn b = gw.connected("2");
        a.frame("{\"subscribe\":{\"channel\":\"chat:r\"},\"id\":2}");
        b.frame("{\"subscribe\":{\"channel\":\"chat:r\"},\"id\":2}");
        a.take();
        gw.clock.advance(Duration.ofSeconds(40));
        a.client().updatePresence();
        gw.clock.advance(Duration.ofSeconds(40));
        a.frame("{\"presence_stats\":{\"channel\":\"chat:r\"},\"id\":3}");
        assertThat(a.take()).containsExactly("{\"id\":3,\"presence_stats\":{\"num_clients\":1,\"num_users\":1}}");
    }

    @Test
    void presenceAndHistoryNeedTheFeatureAndPermission() {
        Gateway.Conn a = gw.connected("1");
        a.frame("{\"presence\":{\"channel\":\"open:x\"},\"id\":2}");
        a.frame("{\"history\":{\"channel\":\"open:x\"},\"id\":3}");
        a.frame("{\"presence\":{\"channel\":\"chat:x\"},\"id\":4}");
        a.frame("{\"history\":{\"channel\":\"chat:x\"},\"id\":5}");
        assertThat(a.take()).containsExactly(
                "{\"id\":2,\"error\":{\"code\":108,\"message\":\"not available\"}}",
                "{\"id\":3,\"error\":{\"code\":108,\"message\":\"not available\"}}",
                "{\"id\":4,\"error\":{\"code\":103,\"message\":\"permission denied\"}}",
                "{\"id\":5,\"error\":{\"code\":103,\"message\":\"permission denied\"}}");
    }
}
