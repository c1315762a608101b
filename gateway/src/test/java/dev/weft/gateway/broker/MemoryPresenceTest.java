package dev.weft.gateway.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.gateway.MutableClock;
import dev.weft.gateway.protocol.ClientInfo;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MemoryPresenceTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    private final MemoryPresence presence = new MemoryPresence(clock, Duration.ofSeconds(60));

    private static ClientInfo info(String user, String client) {
        return new ClientInfo(user, client, null, null);
    }

    @Test
    void addListRemove() {
        presence.addPresence("ch", "c1", info("u1", "c1"));
        presence.addPresence("ch", "c2", info("u1", "c2"));
        presence.addPresence("ch", "c3", info("u2", "c3"));
        presence.addPresence("other", "c4", info("u3", "c4"));
        assertThat(presence.presence("ch")).containsOnlyKeys("c1", "c2", "c3");
        assertThat(presence.presenceStats("ch")).isEqualTo(new PresenceStats(3, 2));
        presence.removePresence("ch", "c2");
        assertThat(presence.presence("ch")).containsOnlyKeys("c1", "c3");
        assertThat(presence.presenceStats("empty")).isEqualTo(new PresenceStats(0, 0));
    }

    @Test
    void entriesExpireUnlessRefreshed() {
        presence.addPresence("ch", "c1", info("u1", "c1"));
        presence.addPresence("ch", "c2", info("u2", "c2"));
        clock.advance(Duration.ofSeconds(40));
        presence.addPresence("ch", "c2", info("u2", "c2"));
        clock.advance(Duration.ofSeconds(20));
        assertThat(presence.presence("ch")).containsOnlyKeys("c2");
        clock.advance(Duration.ofSeconds(40));
        assertThat(presence.presenceStats("ch")).isEqualTo(new PresenceStats(0, 0));
    }
}
