package dev.weft.gateway.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.gateway.MutableClock;
import dev.weft.gateway.broker.Broker;
import dev.weft.gateway.broker.BrokerEventHandler;
import dev.weft.gateway.broker.HistoryQuery;
import dev.weft.gateway.broker.HistoryResult;
import dev.weft.gateway.broker.MemoryBroker;
import dev.weft.gateway.broker.PublishOptions;
import dev.weft.gateway.broker.UnrecoverablePositionException;
import dev.weft.gateway.protocol.ClientInfo;
import dev.weft.gateway.protocol.JsonEncoder;
import dev.weft.gateway.protocol.Publication;
import dev.weft.gateway.protocol.RawJson;
import dev.weft.gateway.protocol.StreamPosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class HubTest {
    /** A memory broker that also records which channels the hub asks for. */
    private static final class InterestBroker implements Broker {
        final MemoryBroker inner = MemoryBroker.withDefaults(new MutableClock(Instant.EPOCH));
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        /** Written under the hub's interest lock; read by the test after joins. */
        int subscribed;

        @Override
        public void setEventHandler(BrokerEventHandler handler) {
            inner.setEventHandler(handler);
        }

        @Override
        public StreamPosition publish(String channel, Publication publication, PublishOptions options) {
            return inner.publish(channel, publication, options);
        }

        @Override
        public void publishJoin(String channel, ClientInfo info) {
            inner.publishJoin(channel, info);
        }

        @Override
        public void publishLeave(String channel, ClientInfo info) {
            inner.publishLeave(channel, info);
        }

        @Override
        public HistoryResult history(String channel, HistoryQuery query) throws UnrecoverablePositionException {
            return inner.history(channel, query);
        }

        @Override
        public void removeHistory(String channel) {
            inner.removeHistory(channel);
        }

        @Override
        public void subscribe(String channel) {
            calls.add("subscribe " + channel);
            subscribed++;
        }

        @Override
        public void unsubscribe(String channel) {
            calls.add("unsubscribe " + channel);
            subscribed--;
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    private final InterestBroker broker = new InterestBroker();
    private final Hub hub = new Hub(new JsonEncoder(), broker);

    {
        broker.setEventHandler(hub);
    }

    @Test
    void brokerIsAskedForAChannelOnlyWhileItHasSubscribers() {
        Subscriber a = hub.add("ch", "c1", new RecordingSession(), false);
        Subscriber b = hub.add("ch", "c2", new RecordingSession(), false);
        assertThat(hub.add("ch", "c1", new RecordingSession(), false)).as("same client twice").isNull();
        hub.remove(a);
        hub.remove(b);
        hub.add("ch", "c3", new RecordingSession(), false);
        assertThat(broker.calls).containsExactly("subscribe ch", "unsubscribe ch", "subscribe ch");
        assertThat(hub.subscriberCount("ch")).isEqualTo(1);
    }

    @Test
    void publicationIsEncodedOnceAndSharedByAllSubscribers() {
        RecordingSession s1 = new RecordingSession();
        RecordingSession s2 = new RecordingSession();
        hub.add("ch", "c1", s1, false).goLive(null, 0);
        hub.add("ch", "c2", s2, false).goLive(null, 0);
        broker.publish("ch", new Publication(0, RawJson.of("1"), null, Map.of()), PublishOptions.NO_HISTORY);
        assertThat(s1.take()).containsExactly("{\"push\":{\"channel\":\"ch\",\"pub\":{\"data\":1}}}");
        assertThat(s2.take()).containsExactly("{\"push\":{\"channel\":\"ch\",\"pub\":{\"data\":1}}}");
    }

    @Test
    void joinAndLeaveGoOnlyToSubscribersThatWantThem() {
        RecordingSession wants = new RecordingSession();
        RecordingSession doesNot = new RecordingSession();
        hub.add("ch", "c1", wants, true).goLive(null, 0);
        hub.add("ch", "c2", doesNot, false).goLive(null, 0);
        broker.publishJoin("ch", new ClientInfo("u", "c3", null, null));
        assertThat(wants.take()).containsExactly("{\"push\":{\"channel\":\"ch\",\"join\":{\"info\":{\"user\":\"u\",\"client\":\"c3\"}}}}");
        assertThat(doesNot.take()).isEmpty();
    }

    @Test
    void concurrentArrivalsAndDeparturesLeaveTheBrokerMatchingTheHub() throws Exception {
        int threads = 4;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String client = "c" + t;
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new RuntimeException(e);
                }
                for (int i = 0; i < 2_000; i++) {
                    Subscriber s = hub.add("ch", client, new RecordingSession(), false);
                    hub.remove(s);
                }
            }));
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        assertThat(hub.subscriberCount("ch")).isZero();
        assertThat(broker.subscribed).as("broker subscriptions after all left; calls %d", broker.calls.size()).isZero();
        hub.add("ch", "last", new RecordingSession(), false);
        assertThat(broker.subscribed).isEqualTo(1);
    }
}
