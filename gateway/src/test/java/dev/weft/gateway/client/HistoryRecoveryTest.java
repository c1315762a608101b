package dev.weft.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The history command and recovery on subscribe, including every way recovery fails. */
class HistoryRecoveryTest {
    private final Gateway gw = new Gateway();

    private Gateway.Conn chatWithPublications(int n) {
        Gateway.Conn p = gw.connected("p");
        p.frame("{\"subscribe\":{\"channel\":\"chat:h\"},\"id\":2}");
        for (int i = 1; i <= n; i++) {
            p.frame("{\"publish\":{\"channel\":\"chat:h\",\"data\":" + i + "},\"id\":" + (2 + i) + "}");
        }
        p.take();
        return p;
    }

    @Test
    void historyCommand() {
        Gateway.Conn p = chatWithPublications(4);
        p.frame("{\"history\":{\"channel\":\"chat:h\",\"limit\":2},\"id\":10}");
        p.frame("{\"history\":{\"channel\":\"chat:h\",\"since\":{\"offset\":3,\"epoch\":\"e1\"},\"limit\":-1},\"id\":11}");
        p.frame("{\"history\":{\"channel\":\"chat:h\",\"limit\":1,\"reverse\":true},\"id\":12}");
        p.frame("{\"history\":{\"channel\":\"chat:h\"},\"id\":13}");
        String info = "\"info\":{\"user\":\"p\",\"client\":\"c1\"}";
        assertThat(p.take()).containsExactly(
                "{\"id\":10,\"history\":{\"publications\":[{\"data\":2," + info + ",\"offset\":2},{\"data\":3," + info
                        + ",\"offset\":3}],\"epoch\":\"e1\",\"offset\":4}}",
                "{\"id\":11,\"history\":{\"publications\":[{\"data\":4," + info + ",\"offset\":4}],\"epoch\":\"e1\",\"offset\":4}}",
                "{\"id\":12,\"history\":{\"publications\":[{\"data\":4," + info + ",\"offset\":4}],\"epoch\":\"e1\",\"offset\":4}}",
                "{\"id\":13,\"history\":{\"publications\":[],\"epoch\":\"e1\",\"offset\":4}}");
    }

    @Test
    void historyFromAnotherEpochOrTooFarBackIsError112() {
        Gateway.Conn p = chatWithPublications(5);
        p.frame("{\"history\":{\"channel\":\"chat:h\",\"since\":{\"offset\":3,\"epoch\":\"old\"},\"limit\":-1},\"id\":10}");
        p.frame("{\"history\":{\"channel\":\"chat:h\",\"since\":{\"offset\":1,\"epoch\":\"e1\"},\"limit\":-1},\"id\":11}");
        p.frame("{\"history\":{\"channel\":\"chat:h\",\"since\":{\"offset\":0},\"reverse\":true,\"limit\":1},\"id\":12}");
        assertThat(p.take()).containsExactly(
                "{\"id\":10,\"error\":{\"code\":112,\"message\":\"unrecoverable position\"}}",
                "{\"id\":11,\"error\":{\"code\":112,\"message\":\"unrecoverable position\"}}",
                "{\"id\":12,\"error\":{\"code\":107,\"message\":\"bad request\"}}");
    }

    @Test
    void subscribeToRecoverableChannelReportsPosition() {
        chatWithPublications(2);
        Gateway.Conn c = gw.connected("1");
        c.frame("{\"subscribe\":{\"channel\":\"chat:h\"},\"id\":2}");
        assertThat(c.take()).containsExactly(
                "{\"id\":2,\"subscribe\":{\"recoverable\":true,\"epoch\":\"e1\",\"offset\":2,\"positioned\":true}}");
    }

    @Test
    void recoveryReturnsMissedPublications() {
        chatWithPublications(3);
        Gateway.Conn c = gw.connected("1");
        c.frame("{\"subscribe\":{\"channel\":\"chat:h\",\"recover\":true,\"offset\":1,\"epoch\":\"e1\"},\"id\":2}");
        String info = "\"info\":{\"user\":\"p\",\"client\":\"c1\"}";
        assertThat(c.take()).containsExactly("{\"id\":2,\"subscribe\":{\"recoverable\":true,\"epoch\":\"e1\","
                + "\"publications\":[{\"data\":2," + info + ",\"offset\":2},{\"data\":3," + info + ",\"offset\":3}],"
                + "\"recovered\":true,\"offset\":1,\"positioned\":true,\"was_recovering\":true}}");
    }

    @Test
    void recoveryAtTheTopIsRecoveredWithNothingMissed() {
        chatWithPublications(3);
        Gateway.Conn c = gw.connected("1");
        c.frame("{\"subscribe\":{\"channel\":\"chat:h\",\"recover\":true,\"offset\":3,\"epoch\":\"e1\"},\"id\":2}");
        assertThat(c.take()).containsExactly("{\"id\":2,\"subscribe\":{\"recoverable\":true,\"epoch\":\"e1\","
                + "\"recovered\":true,\"offset\":3,\"positioned\":true,\"was_recovering\":true}}");
    }

    @Test
    void recoveryFromAnotherEpochIsNotRecoveredAndGivesTheNewPosition() {
        chatWithPublications(3);
        Gateway.Conn c = gw.connected("1");
        c.frame("{\"subscribe\":{\"channel\":\"chat:h\",\"recover\":true,\"offset\":2,\"epoch\":\"lost\"},\"id\":2}");
        assertThat(c.take()).containsExactly("{\"id\":2,\"subscribe\":{\"recoverable\":true,\"epoch\":\"e1\","
                + "\"offset\":3,\"positioned\":true,\"was_recovering\":true}}");
    }

    @Test
    void recoveryBeyondKeptHistoryIsNotRecovered() {
        chatWithPublications(5);
        Gateway.Conn c = gw.connected("1");
        // history_size 3 keeps offsets 3..5; offset 2 is gone.
        c.frame("{\"subscribe\":{\"channel\":\"chat:h\",\"recover\":true,\"offset\":1,\"epoch\":\"e1\"},\"id\":2}");
        assertThat(c.take()).containsExactly("{\"id\":2,\"subscribe\":{\"recoverable\":true,\"epoch\":\"e1\","
                + "\"offset\":5,\"positioned\":true,\"was_recovering\":true}}");
    }

    @Test
    void recoveryAfterPublicationsExpiredIsNotRecovered() {
        chatWithPublications(2);
        gw.clock.advance(Duration.ofSeconds(61));
        Gateway.Conn c = gw.connected("1");
        c.frame("{\"subscribe\":{\"channel\":\"chat:h\",\"recover\":true,\"offset\":1,\"epoch\":\"e1\"},\"id\":2}");
        assertThat(c.take()).containsExactly("{\"id\":2,\"subscribe\":{\"recoverable\":true,\"epoch\":\"e1\","
                + "\"offset\":2,\"positioned\":true,\"was_recovering\":true}}");
    }

    @Test
    void rejectUnrecoveredFlagTurnsAFailedRecoveryIntoError112() {
        chatWithPublications(5);
        Gateway.Conn c = gw.connected("1");
        c.frame("{\"subscribe\":{\"channel\":\"chat:h\",\"recover\":true,\"offset\":1,\"epoch\":\"e1\",\"flag\":2},\"id\":2}");
        assertThat(c.take()).containsExactly("{\"id\":2,\"error\":{\"code\":112,\"message\":\"unrecoverable position\"}}");
        assertThat(c.client().channels()).isEmpty();
        c.frame("{\"subscribe\":{\"channel\":\"chat:h\",\"recover\":true,\"offset\":4,\"epoch\":\"e1\",\"flag\":3},\"id\":3}");
        assertThat(c.take()).hasSize(1).first().asString().contains("\"recovered\":true");
    }

    @Test
    void recoveryLimitedByMaxPublicationsIsNotRecovered() {
        gw.rebuild(new HandlerConfig("0.1.0", Duration.ofSeconds(25), 128, false, 1), RpcHandler.METHOD_NOT_FOUND, null);
        chatWithPublications(3);
        Gateway.Conn c = gw.connected("1");
        c.frame("{\"subscribe\":{\"channel\":\"chat:h\",\"recover\":true,\"offset\":1,\"epoch\":\"e1\"},\"id\":2}");
        assertThat(c.take()).containsExactly("{\"id\":2,\"subscribe\":{\"recoverable\":true,\"epoch\":\"e1\","
                + "\"offset\":3,\"positioned\":true,\"was_recovering\":true}}");
    }

    @Test
    void recoverableOnlyWhenAskedInAllowRecoveryNamespaces() {
        Gateway.Conn c = gw.connected("1");
        c.frame("{\"subscribe\":{\"channel\":\"rec:a\"},\"id\":2}");
        c.frame("{\"subscribe\":{\"channel\":\"rec:b\",\"recoverable\":true},\"id\":3}");
        assertThat(c.take()).containsExactly("{\"id\":2,\"subscribe\":{}}",
                "{\"id\":3,\"subscribe\":{\"recoverable\":true,\"epoch\":\"e1\",\"positioned\":true}}");
    }

    @Test
    void liveDeliveryContinuesExactlyAfterRecoveredPublications() {
        Gateway.Conn p = chatWithPublications(2);
        Gateway.Conn c = gw.connected("1");
        c.frame("{\"subscribe\":{\"channel\":\"chat:h\",\"recover\":true,\"offset\":1,\"epoch\":\"e1\"},\"id\":2}");
        p.frame("{\"publish\":{\"channel\":\"chat:h\",\"data\":3},\"id\":20}");
        List<String> got = c.take();
        assertThat(got).hasSize(2);
        assertThat(got.get(0)).contains("\"publications\":[{\"data\":2,");
        assertThat(got.get(1)).startsWith("{\"push\":{\"channel\":\"chat:h\",\"pub\":{\"data\":3,").contains("\"offset\":3}");
    }
}
