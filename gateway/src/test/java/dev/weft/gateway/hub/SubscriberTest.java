package dev.weft.gateway.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.gateway.protocol.DisconnectCode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SubscriberTest {
    private static byte[] msg(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void publicationsWhileBufferingFollowTheReplyWithoutDuplicates() {
        RecordingSession session = new RecordingSession();
        Subscriber s = new Subscriber("ch", "c1", session, false, 100);
        s.deliver(4, msg("pub4"));
        s.deliver(5, msg("pub5"));
        s.deliver(6, msg("pub6"));
        assertThat(session.take()).as("nothing before the reply").isEmpty();
        // The reply was computed from history that already held offsets up to 5.
        assertThat(s.goLive(msg("reply"), 5)).isTrue();
        assertThat(session.take()).containsExactly("reply", "pub6");
        s.deliver(6, msg("pub6 again"));
        s.deliver(7, msg("pub7"));
        assertThat(session.take()).containsExactly("pub7");
    }

    @Test
    void eventsWithoutOffsetAreNeverDropped() {
        RecordingSession session = new RecordingSession();
        Subscriber s = new Subscriber("ch", "c1", session, true, 100);
        s.deliver(0, msg("join"));
        s.goLive(msg("reply"), 10);
        s.deliver(0, msg("pub without history"));
        assertThat(session.take()).containsExactly("reply", "join", "pub without history");
    }

    @Test
    void fullQueueDisconnectsAsSlowAndStopsDelivery() {
        RecordingSession session = new RecordingSession(2);
        Subscriber s = new Subscriber("ch", "c1", session, false, 100);
        s.goLive(msg("reply"), 0);
        s.deliver(1, msg("p1"));
        s.deliver(2, msg("p2"));
        s.deliver(3, msg("p3"));
        assertThat(session.disconnected()).isEqualTo(DisconnectCode.SLOW.toDisconnect());
        assertThat(session.take()).containsExactly("reply", "p1");
    }

    @Test
    void holdingBackTooManyDisconnectsWithInsufficientState() {
        RecordingSession session = new RecordingSession();
        Subscriber s = new Subscriber("ch", "c1", session, false, 2);
        s.deliver(1, msg("p1"));
        s.deliver(2, msg("p2"));
        assertThat(session.disconnected()).isNull();
        s.deliver(3, msg("p3"));
        assertThat(session.disconnected()).isEqualTo(DisconnectCode.INSUFFICIENT_STATE.toDisconnect());
        assertThat(s.goLive(msg("reply"), 0)).isFalse();
        assertThat(session.take()).isEmpty();
    }

    @Test
    void closedSubscriberGetsNothing() {
        RecordingSession session = new RecordingSession();
        Subscriber s = new Subscriber("ch", "c1", session, false, 100);
        s.close();
        s.deliver(1, msg("p1"));
        assertThat(s.goLive(msg("reply"), 0)).isFalse();
        assertThat(session.take()).isEmpty();
    }
}
