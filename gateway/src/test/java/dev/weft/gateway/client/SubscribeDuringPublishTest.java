package dev.weft.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.gateway.MutableClock;
import dev.weft.gateway.auth.TokenConfig;
import dev.weft.gateway.auth.TokenIssuer;
import dev.weft.gateway.auth.TokenVerifier;
import dev.weft.gateway.broker.MemoryBroker;
import dev.weft.gateway.broker.MemoryPresence;
import dev.weft.gateway.hub.ChannelConfig;
import dev.weft.gateway.hub.ChannelOptions;
import dev.weft.gateway.hub.RecordingSession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Subscribing while another thread publishes: every subscriber must see its subscribe
 * reply first, then every later offset exactly once and in order, whatever the timing.
 */
class SubscribeDuringPublishTest {
    private static final byte[] SECRET = "an-hmac-secret-of-at-least-32-bytes!".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern REPLY_OFFSET = Pattern.compile("^\\{\"id\":2,\"subscribe\":\\{.*\"offset\":(\\d+).*}}$");
    private static final Pattern PUSH_OFFSET = Pattern.compile("^\\{\"push\":\\{\"channel\":\"hh:c\",\"pub\":\\{.*\"offset\":(\\d+)}}}$");
    private static final int PUBLICATIONS = 3000;
    private static final int SUBSCRIBERS = 40;

    @Test
    void everySubscriberSeesAContiguousStreamAfterItsReply() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
        TokenIssuer issuer = TokenIssuer.hs256(SECRET, clock);
        AtomicInteger ids = new AtomicInteger();
        ChannelOptions history = ChannelOptions.builder().history(PUBLICATIONS, Duration.ofMinutes(5))
                .forceRecovery(true).allowSubscribeForClient(true).allowPublishForClient(true).build();
        ClientProtocolHandler handler = ClientProtocolHandler.builder()
                .config(HandlerConfig.defaults("0.1.0"))
                .channels(new ChannelConfig(ChannelOptions.DEFAULT, Map.of("hh", history)))
                .tokens(new TokenVerifier(TokenConfig.hmac(SECRET), clock))
                .broker(MemoryBroker.withDefaults(clock))
                .presence(new MemoryPresence(clock, Duration.ofSeconds(60)))
                .clock(clock)
                .clientIds(() -> "c" + ids.incrementAndGet())
                .build();
        String connect = "{\"connect\":{\"token\":\"" + issuer.connectionToken("u", Duration.ZERO, null, List.of())
                + "\"},\"id\":1}";

        Client publisher = handler.open(new RecordingSession(Integer.MAX_VALUE));
        publisher.handleFrame(connect.getBytes(StandardCharsets.UTF_8));
        Thread publishing = Thread.ofPlatform().start(() -> {
            for (int i = 1; i <= PUBLICATIONS; i++) {
                publisher.handleFrame(("{\"publish\":{\"channel\":\"hh:c\",\"data\":" + i + "},\"id\":" + (i + 1) + "}")
                        .getBytes(StandardCharsets.UTF_8));
            }
        });

        List<RecordingSession> sessions = new ArrayList<>();
        for (int s = 0; s < SUBSCRIBERS; s++) {
            RecordingSession session = new RecordingSession(Integer.MAX_VALUE);
            Client c = handler.open(session);
            c.handleFrame(connect.getBytes(StandardCharsets.UTF_8));
            c.handleFrame("{\"subscribe\":{\"channel\":\"hh:c\"},\"id\":2}".getBytes(StandardCharsets.UTF_8));
            sessions.add(session);
            Thread.sleep(0, 200_000);
        }
        publishing.join();

        for (int s = 0; s < SUBSCRIBERS; s++) {
            List<String> messages = sessions.get(s).take();
            assertThat(messages.get(0)).as("subscriber %d: connect reply first", s).startsWith("{\"id\":1,\"connect\"");
            Matcher reply = REPLY_OFFSET.matcher(messages.get(1));
            long expected = reply.matches() ? Long.parseLong(reply.group(1)) + 1 : 1;
            assertThat(messages.get(1)).as("subscriber %d: subscribe reply second", s).startsWith("{\"id\":2,\"subscribe\"");
            for (int i = 2; i < messages.size(); i++) {
                Matcher push = PUSH_OFFSET.matcher(messages.get(i));
                assertThat(push.matches()).as("subscriber %d message %d is a publication: %s", s, i, messages.get(i)).isTrue();
                assertThat(Long.parseLong(push.group(1))).as("subscriber %d message %d", s, i).isEqualTo(expected);
                expected++;
            }
            assertThat(expected - 1).as("subscriber %d saw up to the last publication", s).isEqualTo(PUBLICATIONS);
        }
    }
}
