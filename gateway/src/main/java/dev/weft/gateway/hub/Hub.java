package dev.weft.gateway.hub;

import dev.weft.gateway.broker.Broker;
import dev.weft.gateway.broker.BrokerEventHandler;
import dev.weft.gateway.protocol.ClientInfo;
import dev.weft.gateway.protocol.JsonEncoder;
import dev.weft.gateway.protocol.Publication;
import dev.weft.gateway.protocol.Push;
import dev.weft.gateway.protocol.StreamPosition;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Subscribers of every channel on this node, and fan-out of what the broker delivers.
 * A publication is encoded once and the same {@link SharedMessage} is queued to every
 * subscriber (one pooled buffer, shared by every send queue); a
 * subscriber whose queue is full is disconnected as slow instead of holding up the
 * publisher. Thread-safe.
 *
 * <p>The broker is told a channel is wanted when its first subscriber arrives and
 * unwanted when its last leaves, so with several nodes each gets only its channels.
 * Concurrent first-arrive and last-leave calls could reach the broker in either order,
 * so each add and remove ends by reconciling: under {@code interestLock}, the broker's
 * subscription is made to match whether the channel has subscribers now. The last
 * reconcile sees the final state, so the broker always ends up matching it.
 */
public final class Hub implements BrokerEventHandler {
    /** Publications one subscriber may hold back while its subscribe reply is computed. */
    static final int MAX_HELD_WHILE_SUBSCRIBING = 10_000;

    private final JsonEncoder encoder;
    private final Broker broker;
    /** Channel to client id to subscriber. Entries appear and vanish only inside {@code compute}. */
    private final ConcurrentHashMap<String, Map<String, Subscriber>> channels = new ConcurrentHashMap<>();
    /** Channels the broker was told this node wants. Guarded by {@code interestLock}. */
    private final Set<String> brokerSubscribed = new HashSet<>();
    private final ReentrantLock interestLock = new ReentrantLock();

    public Hub(JsonEncoder encoder, Broker broker) {
        this.encoder = encoder;
        this.broker = broker;
    }

    /**
     * Registers a buffering subscriber (see {@link Subscriber}), or returns null when this
     * client is already subscribed to {@code channel}.
     */
    public Subscriber add(String channel, String clientId, ClientSession session, boolean pushJoinLeave) {
        Subscriber subscriber = new Subscriber(channel, clientId, session, pushJoinLeave, MAX_HELD_WHILE_SUBSCRIBING);
        boolean[] added = new boolean[1];
        channels.compute(channel, (ch, subs) -> {
            Map<String, Subscriber> m = subs == null ? new ConcurrentHashMap<>() : subs;
            added[0] = m.putIfAbsent(clientId, subscriber) == null;
            return m;
        });
        reconcileBrokerInterest(channel);
        return added[0] ? subscriber : null;
    }

    /** Stops delivery to {@code subscriber}; nothing is queued for it after this returns. */
    public void remove(Subscriber subscriber) {
        subscriber.close();
        channels.computeIfPresent(subscriber.channel(), (ch, subs) -> {
            subs.remove(subscriber.clientId(), subscriber);
            return subs.isEmpty() ? null : subs;
        });
        reconcileBrokerInterest(subscriber.channel());
    }

    private void reconcileBrokerInterest(String channel) {
        interestLock.lock();
        try {
            boolean isWanted = channels.containsKey(channel);
            if (isWanted && brokerSubscribed.add(channel)) {
                broker.subscribe(channel);
            } else if (!isWanted && brokerSubscribed.remove(channel)) {
                broker.unsubscribe(channel);
            }
        } finally {
            interestLock.unlock();
        }
    }

    public int subscriberCount(String channel) {
        Map<String, Subscriber> subs = channels.get(channel);
        return subs == null ? 0 : subs.size();
    }

    /** Channels with at least one subscriber on this node. */
    public int channelCount() {
        return channels.size();
    }

    /** Subscriptions on this node; walks every channel, so for scrapes, not hot paths. */
    public long subscriptionCount() {
        long n = 0;
        for (Map<String, Subscriber> subs : channels.values()) {
            n += subs.size();
        }
        return n;
    }

    /** Channels with at least one subscriber on this node, each with its subscriber count; a snapshot. */
    public Map<String, Integer> channelSubscriberCounts() {
        Map<String, Integer> counts = new java.util.HashMap<>();
        channels.forEach((channel, subs) -> {
            int n = subs.size();
            if (n > 0) {
                counts.put(channel, n);
            }
        });
        return counts;
    }

    @Override
    public void onPublication(String channel, Publication publication, StreamPosition position) {
        Map<String, Subscriber> subs = channels.get(channel);
        if (subs == null || subs.isEmpty()) {
            return;
        }
        SharedMessage message = new SharedMessage(encoder.push(channel, new Push.Pub(publication)));
        try {
            for (Subscriber s : subs.values()) {
                s.deliver(publication.offset(), message);
            }
        } finally {
            message.release();
        }
    }

    @Override
    public void onJoin(String channel, ClientInfo info) {
        pushJoinLeave(channel, new Push.Join(info));
    }

    @Override
    public void onLeave(String channel, ClientInfo info) {
        pushJoinLeave(channel, new Push.Leave(info));
    }

    private void pushJoinLeave(String channel, Push push) {
        Map<String, Subscriber> subs = channels.get(channel);
        if (subs == null) {
            return;
        }
        SharedMessage message = null;
        try {
            for (Subscriber s : subs.values()) {
                if (s.pushJoinLeave()) {
                    if (message == null) {
                        message = new SharedMessage(encoder.push(channel, push));
                    }
                    s.deliver(0, message);
                }
            }
        } finally {
            if (message != null) {
                message.release();
            }
        }
    }
}
