package dev.weft.bench.fanout;

import dev.weft.io.buffer.Buffer;
import dev.weft.websocket.session.WebSocketHandler;
import dev.weft.websocket.session.WebSocketSession;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One generator connection, subscriber or publisher: subscribes on open, answers the
 * gateway's application pings, and hands every publication it receives to {@link Deliveries}.
 *
 * <p>Thread roles: callbacks run on the connection's task; {@link #session} is read by the
 * publisher thread after {@link #isReady} (volatile) turned true.
 */
final class FanoutConnection implements WebSocketHandler {
    private static final byte[] CENTRIFUGO_PING = {'{', '}'};

    private final FanoutConfig config;
    private final String channel;   // null for the publisher
    private final Deliveries deliveries;
    private final FanoutStats stats;
    /** Connection task only: the message being read, one per connection so nothing is shared. */
    private byte[] scratch = new byte[256];
    private volatile WebSocketSession session;
    private volatile boolean isReady;

    FanoutConnection(FanoutConfig config, String channel, Deliveries deliveries, FanoutStats stats) {
        this.config = config;
        this.channel = channel;
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
            s.sendText(channel == null ? FanoutWire.centrifugoConnect(config.token())
                    : FanoutWire.centrifugoConnectAndSubscribe(config.token(), channel));
        } else if (channel != null) {
            s.sendText(FanoutWire.SUBSCRIBE + channel);
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
            deliveries.delivered(seq, FanoutWire.field(scratch, length, (byte) 't'), now);
            return;
        }
        if (config.protocol() == FanoutProtocol.PLAIN) {
            if (startsWith(length, FanoutWire.SUBSCRIBED)) {
                ready();
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
        } else if (!isReady && (channel == null ? startsWith(length, "{\"id\":1,") : startsWith(length, "{\"id\":2,"))) {
            ready();
        }
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
