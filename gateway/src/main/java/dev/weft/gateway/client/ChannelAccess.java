package dev.weft.gateway.client;

import dev.weft.gateway.hub.ChannelName;
import dev.weft.gateway.hub.ChannelOptions;

/**
 * Who may do what in a channel without a subscription token, from the namespace's
 * {@code allow_*} options. Anonymous users (empty user id) need the {@code *_for_anonymous}
 * option in addition.
 */
final class ChannelAccess {
    private ChannelAccess() {}

    static boolean maySubscribe(ChannelName channel, ChannelOptions options, String user) {
        if (channel.isPrivate()) {
            return false;
        }
        if (channel.isUserLimited()) {
            return options.allowUserLimitedChannels() && !user.isEmpty() && channel.allowedUsers().contains(user);
        }
        return options.allowSubscribeForClient() && (!user.isEmpty() || options.allowSubscribeForAnonymous());
    }

    static boolean mayPublish(ChannelOptions options, String user, boolean isSubscribed) {
        if (user.isEmpty() && !options.allowPublishForAnonymous()) {
            return false;
        }
        return options.allowPublishForClient() || (options.allowPublishForSubscriber() && isSubscribed);
    }

    static boolean mayReadHistory(ChannelOptions options, boolean isSubscribed) {
        return options.allowHistoryForClient() || (options.allowHistoryForSubscriber() && isSubscribed);
    }

    static boolean mayReadPresence(ChannelOptions options, boolean isSubscribed) {
        return options.allowPresenceForClient() || (options.allowPresenceForSubscriber() && isSubscribed);
    }
}
