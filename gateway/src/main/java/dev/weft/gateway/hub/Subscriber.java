package dev.weft.gateway.hub;

import dev.weft.gateway.protocol.DisconnectCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One session's subscription to one channel inside the {@link Hub}.
 *
 * <p>A subscriber starts <em>buffering</em>: it is already registered, so nothing
 * published from then on can slip past it, but what arrives is held back while the
 * subscribe reply is computed from history. {@link #goLive} then queues the reply,
 * followed by the held publications the reply did not already cover (offset above the
 * reply's position), and switches to direct delivery. This is how a subscribe reply
 * always precedes the channel's live publications and no offset is lost or repeated.
 *
 * <p>Holding back is bounded by {@code maxHeld}: a channel so busy that more arrive while
 * one subscribe reads history disconnects the session with 3010 insufficient state
 * (the client reconnects and recovers) rather than growing memory.
 *
 * <p>Thread roles: {@link #deliver} is called by publishing threads, {@link #goLive}
 * and {@link #close} by the connection's thread; all under {@code lock}.
 */
public final class Subscriber {
    private record Pending(long offset, SharedMessage message) {}

    private final String channel;
    private final String clientId;
    private final ClientSession session;
    private final boolean pushJoinLeave;
    private final int maxHeld;
    private final ReentrantLock lock = new ReentrantLock();
    /** Held messages while buffering; null once live. Guarded by {@code lock}. */
    private List<Pending> buffer = new ArrayList<>();
    /** Highest publication offset queued to the session. Guarded by {@code lock}. */
    private long deliveredOffset;
    /** Set when removed or when the session was too slow; nothing is queued after. Guarded by {@code lock}. */
    private boolean isClosed;

    Subscriber(String channel, String clientId, ClientSession session, boolean pushJoinLeave, int maxHeld) {
        this.channel = channel;
        this.clientId = clientId;
        this.session = session;
        this.pushJoinLeave = pushJoinLeave;
        this.maxHeld = maxHeld;
    }

    public String channel() {
        return channel;
    }

    public String clientId() {
        return clientId;
    }

    boolean pushJoinLeave() {
        return pushJoinLeave;
    }

    /**
     * Queues a publication push; {@code offset} 0 means the channel keeps no history. The
     * caller holds a reference to {@code message} for the call; holding it back takes one more.
     */
    void deliver(long offset, SharedMessage message) {
        lock.lock();
        try {
            if (isClosed) {
                return;
            }
            if (buffer != null) {
                if (buffer.size() >= maxHeld) {
                    isClosed = true;
                    dropHeld();
                    session.disconnect(DisconnectCode.INSUFFICIENT_STATE.toDisconnect());
                    return;
                }
                buffer.add(new Pending(offset, message.retain()));
                return;
            }
            if (offset != 0 && offset <= deliveredOffset) {
                return;
            }
            queue(message);
            deliveredOffset = Math.max(deliveredOffset, offset);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues {@code reply} (null for a server-side subscription whose reply went in the
     * connect reply), then the held publications after {@code coveredOffset}, the highest
     * offset the reply already accounts for. Returns false if the session was too slow.
     */
    public boolean goLive(byte[] reply, long coveredOffset) {
        lock.lock();
        try {
            if (isClosed) {
                return false;
            }
            if (reply != null && !queue(reply)) {
                return false;
            }
            deliveredOffset = coveredOffset;
            List<Pending> held = buffer;
            buffer = null;
            try {
                for (Pending p : held) {
                    if (p.offset() != 0 && p.offset() <= deliveredOffset) {
                        continue;
                    }
                    if (!queue(p.message())) {
                        return false;
                    }
                    deliveredOffset = Math.max(deliveredOffset, p.offset());
                }
                return true;
            } finally {
                held.forEach(p -> p.message().release());
            }
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            isClosed = true;
            dropHeld();
        } finally {
            lock.unlock();
        }
    }

    /** Caller holds {@code lock}. Releases what is held back and stops holding. */
    private void dropHeld() {
        if (buffer != null) {
            buffer.forEach(p -> p.message().release());
            buffer = null;
        }
    }

    /** Caller holds {@code lock}. */
    private boolean queue(byte[] message) {
        return queued(session.enqueue(message));
    }

    /** Caller holds {@code lock}. */
    private boolean queue(SharedMessage message) {
        return queued(session.enqueue(message));
    }

    private boolean queued(boolean isQueued) {
        if (isQueued) {
            return true;
        }
        isClosed = true;
        dropHeld();
        session.disconnect(DisconnectCode.SLOW.toDisconnect());
        return false;
    }
}
