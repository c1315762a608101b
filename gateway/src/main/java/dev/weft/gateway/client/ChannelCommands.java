package dev.weft.gateway.client;

import dev.weft.gateway.broker.HistoryQuery;
import dev.weft.gateway.broker.HistoryResult;
import dev.weft.gateway.broker.PresenceStats;
import dev.weft.gateway.broker.UnrecoverablePositionException;
import dev.weft.gateway.hub.ChannelName;
import dev.weft.gateway.hub.ChannelOptions;
import dev.weft.gateway.protocol.ClientInfo;
import dev.weft.gateway.protocol.DisconnectCode;
import dev.weft.gateway.protocol.ErrorCode;
import dev.weft.gateway.protocol.Publication;
import dev.weft.gateway.protocol.Request;
import dev.weft.gateway.protocol.Result;
import java.util.Map;

/**
 * The commands that act on a channel without changing the connection's subscriptions:
 * publish, history, presence, presence_stats. Stateless; the {@link Client} passes in
 * what it knows about the caller.
 */
final class ChannelCommands {
    /** The caller as a publication shows it, and whether it is subscribed to the channel. */
    record Publisher(ClientInfo info, boolean isSubscribed) {}

    private final ClientProtocolHandler node;

    ChannelCommands(ClientProtocolHandler node) {
        this.node = node;
    }

    static ChannelOptions optionsFor(ClientProtocolHandler node, String channel) throws CommandFailure {
        return node.channels.optionsFor(ChannelName.parse(channel))
                .orElseThrow(() -> CommandFailure.error(ErrorCode.UNKNOWN_CHANNEL));
    }

    static void requireChannel(String channel, String command) throws CommandFailure {
        if (channel.isEmpty()) {
            throw CommandFailure.close(DisconnectCode.BAD_REQUEST, "channel required for " + command);
        }
    }

    Result.Publish publish(Request.Publish req, Publisher publisher, String user) throws CommandFailure {
        requireChannel(req.channel(), "publish");
        if (req.data() == null) {
            throw CommandFailure.close(DisconnectCode.BAD_REQUEST, "publish without data");
        }
        ChannelOptions options = optionsFor(node, req.channel());
        if (!ChannelAccess.mayPublish(options, user, publisher.isSubscribed())) {
            throw CommandFailure.error(ErrorCode.PERMISSION_DENIED);
        }
        node.broker.publish(req.channel(), new Publication(0, req.data(), publisher.info(), Map.of()),
                options.publishOptions());
        return new Result.Publish();
    }

    Result.History history(Request.History req, String user, boolean isSubscribed) throws CommandFailure {
        requireChannel(req.channel(), "history");
        ChannelOptions options = optionsFor(node, req.channel());
        if (!options.hasHistory()) {
            throw CommandFailure.error(ErrorCode.NOT_AVAILABLE);
        }
        if (!ChannelAccess.mayReadHistory(options, user, isSubscribed)) {
            throw CommandFailure.error(ErrorCode.PERMISSION_DENIED);
        }
        if (req.reverse() && req.since() != null && req.since().offset() == 0) {
            throw CommandFailure.error(ErrorCode.BAD_REQUEST);
        }
        int limit = req.limit() < 0 ? options.historySize() : Math.min(req.limit(), options.historySize());
        try {
            HistoryResult r = node.broker.history(req.channel(), new HistoryQuery(limit, req.since(), req.reverse()));
            return new Result.History(r.publications(), r.top().epoch(), r.top().offset());
        } catch (UnrecoverablePositionException e) {
            throw CommandFailure.error(ErrorCode.UNRECOVERABLE_POSITION);
        }
    }

    Result.Presence presence(Request.Presence req, String user, boolean isSubscribed) throws CommandFailure {
        checkPresence(req.channel(), "presence", user, isSubscribed);
        return new Result.Presence(node.presence.presence(req.channel()));
    }

    Result.PresenceStats presenceStats(Request.PresenceStats req, String user, boolean isSubscribed) throws CommandFailure {
        checkPresence(req.channel(), "presence_stats", user, isSubscribed);
        PresenceStats stats = node.presence.presenceStats(req.channel());
        return new Result.PresenceStats(stats.numClients(), stats.numUsers());
    }

    private void checkPresence(String channel, String command, String user, boolean isSubscribed) throws CommandFailure {
        requireChannel(channel, command);
        ChannelOptions options = optionsFor(node, channel);
        if (!options.presence()) {
            throw CommandFailure.error(ErrorCode.NOT_AVAILABLE);
        }
        if (!ChannelAccess.mayReadPresence(options, user, isSubscribed)) {
            throw CommandFailure.error(ErrorCode.PERMISSION_DENIED);
        }
    }
}
