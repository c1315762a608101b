package dev.weft.gateway.hub;

import dev.weft.gateway.protocol.Disconnect;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A session that keeps what it is sent, with a bounded queue like a real transport's. */
public final class RecordingSession implements ClientSession {
    private final int capacity;
    /** Written by any thread under this. */
    private final List<String> messages = new ArrayList<>();
    /** Written by any thread under this. */
    private Disconnect disconnect;

    public RecordingSession(int capacity) {
        this.capacity = capacity;
    }

    public RecordingSession() {
        this(1000);
    }

    @Override
    public synchronized boolean enqueue(byte[] message) {
        if (disconnect != null || messages.size() >= capacity) {
            return false;
        }
        messages.add(new String(message, StandardCharsets.UTF_8));
        return true;
    }

    @Override
    public synchronized void disconnect(Disconnect d) {
        if (disconnect == null) {
            disconnect = d;
        }
    }

    /** Everything sent so far, then forgets it. */
    public synchronized List<String> take() {
        List<String> out = List.copyOf(messages);
        messages.clear();
        return out;
    }

    public synchronized Disconnect disconnected() {
        return disconnect;
    }
}
