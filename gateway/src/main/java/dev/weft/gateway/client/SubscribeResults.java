package dev.weft.gateway.client;

import dev.weft.gateway.broker.HistoryQuery;
import dev.weft.gateway.broker.UnrecoverablePositionException;
import dev.weft.gateway.hub.ChannelOptions;
import dev.weft.gateway.hub.Recovery;
import dev.weft.gateway.protocol.Request;
import dev.weft.gateway.protocol.Result;
import dev.weft.gateway.protocol.StreamPosition;
import java.util.List;

/**
 * Builds a subscribe result from the channel's stream: nothing for channels that are not
 * recoverable, the current position for recoverable ones, and the missed publications
 * when the client asks to recover. Must run after the subscriber is registered in the
 * hub (see {@link dev.weft.gateway.hub.Subscriber}).
 */
final class SubscribeResults {
    /** The result and the highest offset it accounts for. */
    record Built(Result.Subscribe result, long coveredOffset) {}

    private SubscribeResults() {}

    static Built build(ClientProtocolHandler node, String channel, Request.Subscribe req, ChannelOptions options,
                       boolean expires, long ttlSeconds) {
        boolean recoverable = options.forceRecovery() || (options.allowRecovery() && req.recoverable());
        if (!recoverable) {
            return new Built(new Result.Subscribe(expires, ttlSeconds, false, "", List.of(), false, 0, false, null,
                    false), 0);
        }
        if (req.recover()) {
            StreamPosition since = new StreamPosition(req.offset(), req.epoch());
            Recovery.Outcome outcome = Recovery.recover(node.broker, channel, since,
                    node.config.recoveryMaxPublicationLimit());
            // Recovered: report the client's own position; its offset advances with each publication.
            long offset = outcome.recovered() ? since.offset() : outcome.top().offset();
            var result = new Result.Subscribe(expires, ttlSeconds, true, outcome.top().epoch(),
                    outcome.publications(), outcome.recovered(), offset, true, null, true);
            return new Built(result, outcome.coveredOffset(since));
        }
        StreamPosition top;
        try {
            top = node.broker.history(channel, HistoryQuery.topOnly()).top();
        } catch (UnrecoverablePositionException e) {
            throw new IllegalStateException("a query without position cannot be unrecoverable", e);
        }
        return new Built(new Result.Subscribe(expires, ttlSeconds, true, top.epoch(), List.of(), false, top.offset(),
                true, null, false), top.offset());
    }
}
