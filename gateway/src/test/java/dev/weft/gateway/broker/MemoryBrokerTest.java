package dev.weft.gateway.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.gateway.MutableClock;
import dev.weft.gateway.protocol.ClientInfo;
import dev.weft.gateway.protocol.Publication;
import dev.weft.gateway.protocol.RawJson;
import dev.weft.gateway.protocol.StreamPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MemoryBrokerTest {
    private static final PublishOptions KEEP_3 = new PublishOptions(3, Duration.ofSeconds(60));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    private final Iterator<String> epochs = List.of("e1", "e2", "e3").iterator();
    private final MemoryBroker broker = new MemoryBroker(clock, Duration.ofMinutes(10), epochs::next);
    private final RecordingHandler handler = new RecordingHandler();

    @BeforeEach
    void setUp() {
        broker.setEventHandler(handler);
    }

    private static Publication pub(String json) {
        return new Publication(0, RawJson.of(json), null, Map.of());
    }

    private void publish(int n, PublishOptions options) {
        for (int i = 1; i <= n; i++) {
            broker.publish("ch", pub(Integer.toString(i)), options);
        }
    }

    private List<Long> offsets(HistoryResult r) {
        return r.publications().stream().map(Publication::offset).toList();
    }

    @Test
    void publishAssignsConsecutiveOffsetsAndDeliversInOrder() {
        assertThat(broker.publish("ch", pub("\"a\""), KEEP_3)).isEqualTo(new StreamPosition(1, "e1"));
        assertThat(broker.publish("ch", pub("\"b\""), KEEP_3)).isEqualTo(new StreamPosition(2, "e1"));
        assertThat(handler.events).containsExactly("pub ch 1 \"a\" top=1", "pub ch 2 \"b\" top=2");
    }

    @Test
    void publishWithoutHistoryHasOffsetZeroAndNoStream() throws Exception {
        assertThat(broker.publish("ch", pub("1"), PublishOptions.NO_HISTORY)).isEqualTo(new StreamPosition(0, ""));
        assertThat(handler.events).containsExactly("pub ch 0 1 top=0");
        HistoryResult r = broker.history("ch", new HistoryQuery(HistoryQuery.NO_LIMIT, null, false));
        assertThat(r.publications()).isEmpty();
        assertThat(r.top()).isEqualTo(new StreamPosition(0, "e1"));
    }

    @Test
    void historyKeepsOnlyTheNewestHistorySize() throws Exception {
        publish(5, KEEP_3);
        HistoryResult r = broker.history("ch", new HistoryQuery(HistoryQuery.NO_LIMIT, null, false));
        assertThat(offsets(r)).containsExactly(3L, 4L, 5L);
        assertThat(r.top()).isEqualTo(new StreamPosition(5, "e1"));
    }

    @Test
    void publicationsExpireAfterHistoryTtlButTheTopStays() throws Exception {
        publish(2, KEEP_3);
        clock.advance(Duration.ofSeconds(30));
        publish(1, KEEP_3);
        clock.advance(Duration.ofSeconds(30));
        HistoryResult r = broker.history("ch", new HistoryQuery(HistoryQuery.NO_LIMIT, null, false));
        assertThat(offsets(r)).containsExactly(3L);
        clock.advance(Duration.ofSeconds(30));
        r = broker.history("ch", new HistoryQuery(HistoryQuery.NO_LIMIT, null, false));
        assertThat(r.publications()).isEmpty();
        assertThat(r.top()).isEqualTo(new StreamPosition(3, "e1"));
    }

    @Test
    void limitAndReverse() throws Exception {
        publish(3, KEEP_3);
        assertThat(offsets(broker.history("ch", new HistoryQuery(2, null, false)))).containsExactly(1L, 2L);
        assertThat(offsets(broker.history("ch", new HistoryQuery(2, null, true)))).containsExactly(3L, 2L);
        assertThat(offsets(broker.history("ch", new HistoryQuery(0, null, false)))).isEmpty();
    }

    @Test
    void sinceReturnsWhatCameAfterAPosition() throws Exception {
        publish(3, KEEP_3);
        assertThat(offsets(broker.history("ch", HistoryQuery.since(new StreamPosition(1, "e1"), HistoryQuery.NO_LIMIT))))
                .containsExactly(2L, 3L);
        assertThat(offsets(broker.history("ch", HistoryQuery.since(new StreamPosition(3, "e1"), HistoryQuery.NO_LIMIT))))
                .isEmpty();
        assertThat(offsets(broker.history("ch", new HistoryQuery(HistoryQuery.NO_LIMIT, new StreamPosition(3, "e1"), true))))
                .containsExactly(2L, 1L);
        // An empty epoch in since means "any epoch", as in Centrifugo.
        assertThat(offsets(broker.history("ch", HistoryQuery.since(new StreamPosition(2, ""), 1)))).containsExactly(3L);
    }

    @Test
    void sinceFromAnotherEpochIsUnrecoverable() {
        publish(2, KEEP_3);
        assertThatThrownBy(() -> broker.history("ch", HistoryQuery.since(new StreamPosition(1, "old"), 10)))
                .isInstanceOfSatisfying(UnrecoverablePositionException.class,
                        e -> assertThat(e.top()).isEqualTo(new StreamPosition(2, "e1")));
    }

    @Test
    void sinceBeforeWhatHistoryStillHoldsIsUnrecoverable() throws Exception {
        publish(5, KEEP_3);
        // Kept: 3, 4, 5. From 2 the next one (3) is there; from 1 publication 2 is lost.
        assertThat(offsets(broker.history("ch", HistoryQuery.since(new StreamPosition(2, "e1"), -1)))).containsExactly(3L, 4L, 5L);
        assertThatThrownBy(() -> broker.history("ch", HistoryQuery.since(new StreamPosition(1, "e1"), -1)))
                .isInstanceOf(UnrecoverablePositionException.class).hasMessageContaining("history starts at 3");
    }

    @Test
    void sinceAfterTheTopIsUnrecoverable() {
        publish(1, KEEP_3);
        assertThatThrownBy(() -> broker.history("ch", HistoryQuery.since(new StreamPosition(7, "e1"), -1)))
                .isInstanceOf(UnrecoverablePositionException.class).hasMessageContaining("beyond the top");
    }

    @Test
    void streamUntouchedForMetaTtlStartsOverWithANewEpoch() throws Exception {
        publish(2, KEEP_3);
        clock.advance(Duration.ofMinutes(10));
        assertThat(broker.publish("ch", pub("9"), KEEP_3)).isEqualTo(new StreamPosition(1, "e2"));
        assertThatThrownBy(() -> broker.history("ch", HistoryQuery.since(new StreamPosition(2, "e1"), -1)))
                .isInstanceOf(UnrecoverablePositionException.class);
    }

    @Test
    void readsKeepTheStreamAlive() throws Exception {
        publish(1, KEEP_3);
        clock.advance(Duration.ofMinutes(9));
        broker.history("ch", HistoryQuery.topOnly());
        clock.advance(Duration.ofMinutes(9));
        broker.sweep();
        assertThat(broker.history("ch", HistoryQuery.topOnly()).top()).isEqualTo(new StreamPosition(1, "e1"));
        clock.advance(Duration.ofMinutes(10));
        broker.sweep();
        assertThat(broker.history("ch", HistoryQuery.topOnly()).top()).isEqualTo(new StreamPosition(0, "e2"));
    }

    @Test
    void removeHistoryKeepsPosition() throws Exception {
        publish(2, KEEP_3);
        broker.removeHistory("ch");
        HistoryResult r = broker.history("ch", new HistoryQuery(-1, null, false));
        assertThat(r.publications()).isEmpty();
        assertThat(r.top()).isEqualTo(new StreamPosition(2, "e1"));
    }

    @Test
    void joinAndLeaveAreDelivered() {
        broker.publishJoin("ch", new ClientInfo("u", "c1", null, null));
        broker.publishLeave("ch", new ClientInfo("u", "c1", null, null));
        assertThat(handler.events).containsExactly("join ch c1", "leave ch c1");
    }

    @Test
    void concurrentPublishersAreDeliveredInOffsetOrder() throws Exception {
        List<Long> delivered = java.util.Collections.synchronizedList(new ArrayList<>());
        MemoryBroker b = MemoryBroker.withDefaults(clock);
        b.setEventHandler(new BrokerEventHandler() {
            @Override
            public void onPublication(String channel, Publication publication, StreamPosition position) {
                delivered.add(publication.offset());
            }

            @Override
            public void onJoin(String channel, ClientInfo info) {}

            @Override
            public void onLeave(String channel, ClientInfo info) {}
        });
        int threads = 4;
        int each = 500;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new RuntimeException(e);
                }
                for (int i = 0; i < each; i++) {
                    b.publish("ch", pub("1"), new PublishOptions(10, Duration.ofMinutes(1)));
                }
            }));
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        assertThat(delivered).hasSize(threads * each);
        for (int i = 0; i < delivered.size(); i++) {
            assertThat(delivered.get(i)).as("delivery %d", i).isEqualTo(i + 1L);
        }
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> new PublishOptions(10, Duration.ZERO)).hasMessageContaining("history_ttl");
        assertThatThrownBy(() -> new PublishOptions(-1, Duration.ZERO)).hasMessageContaining("history_size");
        assertThatThrownBy(() -> new HistoryQuery(-2, null, false)).hasMessageContaining("limit");
    }
}
