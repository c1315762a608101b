package dev.weft.gateway.broker;

import dev.weft.gateway.protocol.ClientInfo;
import dev.weft.gateway.protocol.Publication;
import dev.weft.gateway.protocol.StreamPosition;

/**
 * Moves publications between the nodes of a gateway and keeps channel history. The
 * in-memory broker serves one node; a Redis broker implements the same contract for
 * several (PUB/SUB for delivery, a stream per channel for history).
 *
 * <p>Contract every implementation keeps:
 * <ol>
 *   <li>Each channel's stream has an epoch and offsets that grow by one per publication
 *       kept in history, starting at 1; a lost stream gets a new epoch.</li>
 *   <li>Publications of one channel reach {@link BrokerEventHandler#onPublication} in
 *       offset order, each after it is visible to {@link #history}.</li>
 *   <li>A node receives publications for a channel only between {@link #subscribe} and
 *       {@link #unsubscribe} of that channel (the in-memory broker delivers all).</li>
 * </ol>
 * Methods block until done; callers run them on a fiber, never on an I/O thread.
 */
public interface Broker extends AutoCloseable {
    /** Where publications for subscribed channels are delivered; set once, before any publish. */
    void setEventHandler(BrokerEventHandler handler);

    /**
     * Publishes to {@code channel}. With {@code options.historySize() > 0} the publication is
     * kept in history and gets the next offset; otherwise it is delivered with offset 0.
     * Returns the stream position after the publish.
     */
    StreamPosition publish(String channel, Publication publication, PublishOptions options);

    void publishJoin(String channel, ClientInfo info);

    void publishLeave(String channel, ClientInfo info);

    /**
     * Publications and the current top of {@code channel}'s stream.
     *
     * @throws UnrecoverablePositionException when {@code query.since()} is from another epoch,
     *     or history no longer reaches back to the publication after it
     */
    HistoryResult history(String channel, HistoryQuery query) throws UnrecoverablePositionException;

    void removeHistory(String channel);

    /** This node wants publications of {@code channel}. */
    void subscribe(String channel);

    /** This node no longer wants publications of {@code channel}. */
    void unsubscribe(String channel);

    @Override
    void close();
}
