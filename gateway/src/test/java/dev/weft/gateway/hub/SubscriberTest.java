package dev.weft.gateway.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.gateway.protocol.Disconnect;
import dev.weft.gateway.protocol.DisconnectCode;
import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import dev.weft.io.buffer.BufferPoolConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriberTest {
    private static byte[] msg(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A push as the hub makes one; the test drops the hub's reference right after delivering it. */
    private static SharedMessage pub(String s) {
        return new SharedMessage(msg(s));
    }

    @Test
    void publicationsWhileBufferingFollowTheReplyWithoutDuplicates() {
        RecordingSession session = new RecordingSession();
        Subscriber s = new Subscriber("ch", "c1", session, false, 100);
        deliverAndRelease(s, 4, "pub4");
        deliverAndRelease(s, 5, "pub5");
        deliverAndRelease(s, 6, "pub6");
        assertThat(session.take()).as("nothing before the reply").isEmpty();
        // The reply was computed from history that already held offsets up to 5.
        assertThat(s.goLive(msg("reply"), 5)).isTrue();
        assertThat(session.take()).containsExactly("reply", "pub6");
        deliverAndRelease(s, 6, "pub6 again");
        deliverAndRelease(s, 7, "pub7");
        assertThat(session.take()).containsExactly("pub7");
    }

    @Test
    void eventsWithoutOffsetAreNeverDropped() {
        RecordingSession session = new RecordingSession();
        Subscriber s = new Subscriber("ch", "c1", session, true, 100);
        deliverAndRelease(s, 0, "join");
        s.goLive(msg("reply"), 10);
        deliverAndRelease(s, 0, "pub without history");
        assertThat(session.take()).containsExactly("reply", "join", "pub without history");
    }

    @Test
    void fullQueueDisconnectsAsSlowAndStopsDelivery() {
        RecordingSession session = new RecordingSession(2);
        Subscriber s = new Subscriber("ch", "c1", session, false, 100);
        s.goLive(msg("reply"), 0);
        deliverAndRelease(s, 1, "p1");
        deliverAndRelease(s, 2, "p2");
        deliverAndRelease(s, 3, "p3");
        assertThat(session.disconnected()).isEqualTo(DisconnectCode.SLOW.toDisconnect());
        assertThat(session.take()).containsExactly("reply", "p1");
    }

    @Test
    void holdingBackTooManyDisconnectsWithInsufficientState() {
        RecordingSession session = new RecordingSession();
        Subscriber s = new Subscriber("ch", "c1", session, false, 2);
        deliverAndRelease(s, 1, "p1");
        deliverAndRelease(s, 2, "p2");
        assertThat(session.disconnected()).isNull();
        deliverAndRelease(s, 3, "p3");
        assertThat(session.disconnected()).isEqualTo(DisconnectCode.INSUFFICIENT_STATE.toDisconnect());
        assertThat(s.goLive(msg("reply"), 0)).isFalse();
        assertThat(session.take()).isEmpty();
    }

    @Test
    void closedSubscriberGetsNothing() {
        RecordingSession session = new RecordingSession();
        Subscriber s = new Subscriber("ch", "c1", session, false, 100);
        s.close();
        deliverAndRelease(s, 1, "p1");
        assertThat(s.goLive(msg("reply"), 0)).isFalse();
        assertThat(session.take()).isEmpty();
    }

    private static void deliverAndRelease(Subscriber s, long offset, String text) {
        SharedMessage m = pub(text);
        s.deliver(offset, m);
        m.release();
    }

    /** A session that sends as the WebSocket transport does: a view of the push's one pooled buffer. */
    private static final class PooledSession implements ClientSession {
        private final BufferPool pool;
        final List<Buffer> sent = new ArrayList<>();
        final List<String> texts = new ArrayList<>();
        boolean isFull;
        Disconnect disconnected;

        PooledSession(BufferPool pool) {
            this.pool = pool;
        }

        @Override
        public synchronized boolean enqueue(byte[] message) {
            texts.add(new String(message, StandardCharsets.UTF_8));
            return !isFull;
        }

        @Override
        public synchronized boolean enqueue(SharedMessage message) {
            Buffer view = message.pooled(pool);
            if (isFull) {
                view.release();
                return false;
            }
            sent.add(view);
            texts.add(new String(message.bytes(), StandardCharsets.UTF_8));
            return true;
        }

        @Override
        public synchronized void disconnect(Disconnect d) {
            disconnected = d;
        }

        synchronized void releaseSent() {
            sent.forEach(Buffer::release);
            sent.clear();
        }
    }

    @Test
    void everySessionSendsTheSameBufferAndTheLastReleaseFreesIt() {
        try (BufferPool pool = new BufferPool(BufferPoolConfig.defaults().withLeakDetection(true))) {
            PooledSession a = new PooledSession(pool);
            PooledSession b = new PooledSession(pool);
            Subscriber live = new Subscriber("ch", "a", a, false, 100);
            live.goLive(null, 0);
            Subscriber holding = new Subscriber("ch", "b", b, false, 100);

            SharedMessage m = pub("p1");
            live.deliver(1, m);
            holding.deliver(1, m);   // held back while b subscribes: holds a reference of its own
            m.release();
            long address = a.sent.getFirst().segment().address();
            a.releaseSent();
            assertThat(holding.goLive(msg("reply"), 0)).isTrue();

            assertThat(b.texts).containsExactly("reply", "p1");
            assertThat(b.sent.getFirst().segment().address()).as("a view of the same pooled copy").isEqualTo(address);
            b.releaseSent();
            pool.assertNoLeaks();
        }
    }

    @Test
    void heldPushesAreReleasedWhenTheSubscriberClosesOrIsTooSlow() {
        try (BufferPool pool = new BufferPool(BufferPoolConfig.defaults().withLeakDetection(true))) {
            PooledSession closing = new PooledSession(pool);
            Subscriber s1 = new Subscriber("ch", "a", closing, false, 100);
            PooledSession slow = new PooledSession(pool);
            Subscriber s2 = new Subscriber("ch", "b", slow, false, 100);
            SharedMessage m = pub("p1");
            m.pooled(pool).release();   // some session already made the pooled copy
            s1.deliver(1, m);
            s2.deliver(1, m);
            m.release();
            slow.isFull = true;

            s1.close();
            assertThat(s2.goLive(null, 0)).isFalse();
            assertThat(slow.disconnected).isEqualTo(DisconnectCode.SLOW.toDisconnect());
            pool.assertNoLeaks();
        }
    }

    @Test
    void aReleasedMessageRefusesToHandOutItsBuffer() {
        try (BufferPool pool = new BufferPool(BufferPoolConfig.defaults().withLeakDetection(true))) {
            SharedMessage m = pub("p1");
            m.release();
            assertThatThrownBy(() -> m.pooled(pool)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(m::release).isInstanceOf(IllegalStateException.class);
        }
    }
}
