package dev.weft.gateway.broker;

import dev.weft.gateway.protocol.ClientInfo;
import dev.weft.gateway.protocol.Publication;
import dev.weft.gateway.protocol.StreamPosition;

/** Receives what a {@link Broker} delivers to this node; implemented by the channel hub. */
public interface BrokerEventHandler {
    /** {@code position.offset()} equals the publication's offset when history is kept. */
    void onPublication(String channel, Publication publication, StreamPosition position);

    void onJoin(String channel, ClientInfo info);

    void onLeave(String channel, ClientInfo info);
}
