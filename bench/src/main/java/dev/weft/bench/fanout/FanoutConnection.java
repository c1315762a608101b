package dev.weft.bench.fanout;

import dev.weft.io.buffer.Buffer;
import dev.weft.websocket.session.WebSocketHandler;
import dev.weft.websocket.session.WebSocketSession;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * One generator connection, subscriber or publisher: subscribes to its channels on open (ready
 * once every subscription is confirmed), answers the gateway's application pings, and hands every
 * publication of one of its channels to {@link Deliveries}; a publication of another channel is
 * counted misrouted.
 *
 * <p>Thread roles: callbacks run on the connection's task; {@link #session} is read by the
 * publisher thread after {@link #isReady} (volatile) turned true.
 */
final class FanoutConnection implements WebSocketHandler {
    private static final byte[] CENTRIFUGO_PING = {'{', '}'};

    private final FanoutConfig config;
    /** The subscriber connection's index (its channels are {@link FanoutConfig#channelOf}), or -1 for the publisher. */
    private final int index;
    private final Deliveries deliveries;
    private final FanoutStats stats;
    /** Connection task only: the message being read, one per connection so nothing is shared. */
    private byte[] scratch = new byte[256];
    /** Connection task only: subscriptions confirmed so far. */
    private int subscribed;
    private volatile WebSocketSession session;
    private volatile boolean isReady;

    /** A subscriber, connection {@code index} of the run. */
    static FanoutConnection subscriber(FanoutConfig config, int index, Deliveries deliveries, FanoutStats stats) {
        return new FanoutConnection(config, index, deliveries, stats);
    }

    static FanoutConnection publisher(FanoutConfig config, Deliveries deliveries, FanoutStats stats) {
        return new FanoutConnection(config, -1, deliveries, stats);
    }

    private FanoutConnection(FanoutConfig config, int index, Deliveries deliveries, FanoutStats stats) {
        this.config = config;
        this.index = index;
        this.deliveries = deliveries;
        this.stats = stats;
    }

    boolean isReady() {
        return isReady;
    }

    WebSocketSession session() {
        return session;
    }

    @Override
    public void onOpen(WebSocketSession s) {
        session = s;
        stats.open.incrementAndGet();
        if (config.protocol() == FanoutProtocol.CENTRIFUGO) {
            s.sendText(isPublisher() ? FanoutWire.centrifugoConnect(config.token())
                    : FanoutWire.centrifugoConnectAndSubscribe(config.token(), channels()));
        } else if (!isPublisher()) {
            for (String channel : channels()) {
                s.sendText(FanoutWire.SUBSCRIBE + channel);
            }
        } else {
            ready();
        }
    }

    @Override
    public void onText(WebSocketSession s, Buffer utf8) {
        long now = System.nanoTime();
        int length = (int) utf8.readableBytes();
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        MemorySegment.copy(utf8.readableSegment(), ValueLayout.JAVA_BYTE, 0, scratch, 0, length);
        // A frame may carry several newline-separated protocol messages (centrifugo replies).
        int start = 0;
        for (int i = 0; i <= length; i++) {
            if (i == length || scratch[i] == '\n') {
                message(s, start, i, now);
                start = i + 1;
            }
        }
    }

    private void message(WebSocketSession s, int from, int to, long now) {
        int length = to - from;
        if (length == 0) {
            return;
        }
        if (from != 0) {
            System.arraycopy(scratch, from, scratch, 0, length);
        }
        long seq = FanoutWire.field(scratch, length, (byte) 's');
        if (seq >= 0 && startsWith(length, "{\"push\"") || seq >= 0 && config.protocol() == FanoutProtocol.PLAIN) {
            if (isPublisher() || !config.joins(index, config.channelOfPublication(seq))) {
                deliveries.misrouted();
            } else {
                deliveries.delivered(seq, FanoutWire.field(scratch, length, (byte) 't'), now);
            }
            return;
        }
        if (config.protocol() == FanoutProtocol.PLAIN) {
            if (startsWith(length, FanoutWire.SUBSCRIBED)) {
                subscriptionConfirmed();
            }
            return;
        }
        if (length == 2 && scratch[0] == CENTRIFUGO_PING[0] && scratch[1] == CENTRIFUGO_PING[1]) {
            s.sendText("{}");   // pong
        } else if (contains(length, "\"error\"")) {
            stats.replyErrors.increment();
            if (!isReady) {
                stats.firstError.compareAndSet(null, new String(scratch, 0, length, java.nio.charset.StandardCharsets.UTF_8));
            }
        } else if (!isReady) {
            long id = replyId(length);
            if (isPublisher() && id == 1) {
                ready();
            } else if (!isPublisher() && id >= FanoutWire.SUBSCRIBE_FIRST_ID
                    && id < FanoutWire.SUBSCRIBE_FIRST_ID + config.subsPerConnection()) {
                subscriptionConfirmed();
            }
        }
    }

    private boolean isPublisher() {
        return index < 0;
    }

    private List<String> channels() {
        List<String> names = new ArrayList<>(config.subsPerConnection());
        for (int j = 0; j < config.subsPerConnection(); j++) {
            names.add(FanoutConfig.channel(config.channelOf(index, j)));
        }
        return names;
    }

    private void subscriptionConfirmed() {
        if (++subscribed == config.subsPerConnection()) {
            ready();
        }
    }

    /** The id of a centrifugo reply ({@code {"id":<n>,...}}), or -1. */
    private long replyId(int length) {
        String prefix = "{\"id\":";
        if (!startsWith(length, prefix)) {
            return -1;
        }
        long id = 0;
        int i = prefix.length();
        for (; i < length && scratch[i] >= '0' && scratch[i] <= '9'; i++) {
            id = id * 10 + (scratch[i] - '0');
        }
        return i == prefix.length() ? -1 : id;
    }

    private void ready() {
        if (!isReady) {
            isReady = true;
            stats.ready.incrementAndGet();
        }
    }

    @Override
    public void onClose(WebSocketSession s, int code, String reason) {
        stats.open.decrementAndGet();
        stats.closedEarly.increment();
        stats.lastClose.set(code + " " + reason);
    }

    private boolean startsWith(int length, String prefix) {
        if (length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (scratch[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean contains(int length, String needle) {
        outer:
        for (int i = 0; i + needle.length() <= length; i++) {
            for (int j = 0; j < needle.length(); j++) {
                if (scratch[i + j] != needle.charAt(j)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
