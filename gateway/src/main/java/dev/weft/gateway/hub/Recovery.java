package dev.weft.gateway.hub;

import dev.weft.gateway.broker.Broker;
import dev.weft.gateway.broker.HistoryQuery;
import dev.weft.gateway.broker.HistoryResult;
import dev.weft.gateway.broker.UnrecoverablePositionException;
import dev.weft.gateway.protocol.Publication;
import dev.weft.gateway.protocol.StreamPosition;
import java.util.List;

/**
 * Fills the gap of a resubscribing client from history. Recovered means the client gets
 * every publication after its position, without a hole, up to the stream's top: the
 * epoch matches, history still starts at or before the next offset, and the read was
 * not cut short by {@code maxPublications}. Otherwise the client gets the current top
 * and must fetch state itself (or, if it asked, error 112).
 */
public final class Recovery {
    /** {@code top} is the stream's position when history was read. */
    public record Outcome(boolean recovered, List<Publication> publications, StreamPosition top) {
        public Outcome {
            publications = List.copyOf(publications);
        }

        /** The highest offset the subscribe reply accounts for. */
        public long coveredOffset(StreamPosition since) {
            if (!recovered) {
                return top.offset();
            }
            return publications.isEmpty() ? since.offset() : publications.getLast().offset();
        }
    }

    private Recovery() {}

    public static Outcome recover(Broker broker, String channel, StreamPosition since, int maxPublications) {
        HistoryResult result;
        try {
            result = broker.history(channel, HistoryQuery.since(since, maxPublications));
        } catch (UnrecoverablePositionException e) {
            return new Outcome(false, List.of(), e.top());
        }
        StreamPosition top = result.top();
        List<Publication> pubs = result.publications();
        boolean recovered = pubs.isEmpty()
                ? top.offset() == since.offset()
                : pubs.getFirst().offset() == since.offset() + 1 && pubs.getLast().offset() == top.offset();
        return recovered ? new Outcome(true, pubs, top) : new Outcome(false, List.of(), top);
    }
}
