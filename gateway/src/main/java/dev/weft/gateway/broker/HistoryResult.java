package dev.weft.gateway.broker;

import dev.weft.gateway.protocol.Publication;
import dev.weft.gateway.protocol.StreamPosition;
import java.util.List;

/** Publications in the order asked for, and the stream's top when they were read. */
public record HistoryResult(List<Publication> publications, StreamPosition top) {
    public HistoryResult {
        publications = List.copyOf(publications);
    }
}
