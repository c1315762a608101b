package dev.weft.gateway.client;

import dev.weft.gateway.hub.ChannelName;
import dev.weft.gateway.hub.ChannelOptions;

/**
 * Who may do what in a channel without a subscription token, from the namespace's
 * {@code allow_*} options. {@code *_for_subscriber} admits any subscriber (anonymous ones
 * were already admitted by subscribe); {@code *_for_client} admits authenticated
 * connections, and anonymous ones (empty user id) only with {@code *_for_anonymous} too.
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
        return (options.allowPublishForSubscriber() && isSubscribed)
                || (options.allowPublishForClient() && (!user.isEmpty() || options.allowPublishForAnonymous()));
    }

    static boolean mayReadHistory(ChannelOptions options, String user, boolean isSubscribed) {
        return (options.allowHistoryForSubscriber() && isSubscribed)
                || (options.allowHistoryForClient() && (!user.isEmpty() || options.allowHistoryForAnonymous()));
    }

    static boolean mayReadPresence(ChannelOptions options, String user, boolean isSubscribed) {
        return (options.allowPresenceForSubscriber() && isSubscribed)
                || (options.allowPresenceForClient() && (!user.isEmpty() || options.allowPresenceForAnonymous()));
    }
}
