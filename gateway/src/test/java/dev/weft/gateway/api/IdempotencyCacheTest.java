package dev.weft.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.gateway.protocol.StreamPosition;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The idempotency window: one publish per key and channel within it, another after it. */
class IdempotencyCacheTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final InstantSource clock = () -> now.get();
    private final IdempotencyCache cache = new IdempotencyCache(clock, Duration.ofMinutes(5));
    private final AtomicInteger publishes = new AtomicInteger();

    private StreamPosition publish() {
        return new StreamPosition(publishes.incrementAndGet(), "e");
    }

    @Test
    void repeatWithinTheWindowReturnsTheFirstResult() {
        assertThat(cache.publishOnce("ch", "k", this::publish)).isEqualTo(new StreamPosition(1, "e"));
        now.set(now.get().plus(Duration.ofMinutes(4)));
        assertThat(cache.publishOnce("ch", "k", this::publish)).isEqualTo(new StreamPosition(1, "e"));
        assertThat(publishes).hasValue(1);
    }

    @Test
    void afterTheWindowTheKeyPublishesAgain() {
        cache.publishOnce("ch", "k", this::publish);
        now.set(now.get().plus(Duration.ofMinutes(5)));
        assertThat(cache.publishOnce("ch", "k", this::publish)).isEqualTo(new StreamPosition(2, "e"));
    }

    @Test
    void keysAreScopedToTheChannel() {
        cache.publishOnce("a", "k", this::publish);
        assertThat(cache.publishOnce("b", "k", this::publish)).isEqualTo(new StreamPosition(2, "e"));
    }

    @Test
    void aFailedPublishLeavesTheKeyFree() {
        assertThatThrownBy(() -> cache.publishOnce("ch", "k", () -> {
            throw new IllegalStateException("broker down");
        })).hasMessage("broker down");
        assertThat(cache.size()).isZero();
        assertThat(cache.publishOnce("ch", "k", this::publish)).isEqualTo(new StreamPosition(1, "e"));
    }

    @Test
    void concurrentRepeatWaitsForTheFirstPublish() throws Exception {
        CountDownLatch publishing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread first = Thread.ofPlatform().start(() -> cache.publishOnce("ch", "k", () -> {
            publishing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return publish();
        }));
        publishing.await();
        AtomicReference<StreamPosition> second = new AtomicReference<>();
        Thread repeat = Thread.ofPlatform().start(() -> second.set(cache.publishOnce("ch", "k", this::publish)));
        repeat.join(200);
        assertThat(repeat.isAlive()).as("the repeat waits while the first publishes").isTrue();
        release.countDown();
        first.join();
        repeat.join();
        assertThat(second.get()).isEqualTo(new StreamPosition(1, "e"));
        assertThat(publishes).hasValue(1);
    }
}
