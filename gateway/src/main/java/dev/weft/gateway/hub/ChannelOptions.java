package dev.weft.gateway.hub;

import dev.weft.gateway.broker.PublishOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * What a namespace allows, with Centrifugo's option names (in the config file they are
 * written exactly as in the component comments). Everything is off by default: a channel
 * without any {@code allow_*} option can only be used with a subscription token or
 * through server-side subscriptions.
 *
 * @param historySize {@code history_size}: publications kept per channel (0: no history)
 * @param historyTtl {@code history_ttl}: how long each is kept
 * @param presence {@code presence}: track who is subscribed
 * @param joinLeave {@code join_leave}: send join/leave pushes (to subscribers that ask,
 *     or to all with {@code force_push_join_leave})
 * @param forcePushJoinLeave {@code force_push_join_leave}
 * @param forceRecovery {@code force_recovery}: every subscription is recoverable
 * @param allowRecovery {@code allow_recovery}: subscriptions that ask may be recoverable
 * @param allowSubscribeForClient {@code allow_subscribe_for_client}: any authenticated client may subscribe
 * @param allowSubscribeForAnonymous {@code allow_subscribe_for_anonymous}: also anonymous ones
 * @param allowPublishForSubscriber {@code allow_publish_for_subscriber}
 * @param allowPublishForClient {@code allow_publish_for_client}
 * @param allowPublishForAnonymous {@code allow_publish_for_anonymous}
 * @param allowHistoryForSubscriber {@code allow_history_for_subscriber}
 * @param allowHistoryForClient {@code allow_history_for_client}
 * @param allowHistoryForAnonymous {@code allow_history_for_anonymous}
 * @param allowPresenceForSubscriber {@code allow_presence_for_subscriber}
 * @param allowPresenceForClient {@code allow_presence_for_client}
 * @param allowPresenceForAnonymous {@code allow_presence_for_anonymous}
 * @param allowUserLimitedChannels {@code allow_user_limited_channels}: {@code dialog#1,2} admits users 1 and 2
 */
public record ChannelOptions(int historySize, Duration historyTtl, boolean presence, boolean joinLeave,
                             boolean forcePushJoinLeave, boolean forceRecovery, boolean allowRecovery,
                             boolean allowSubscribeForClient, boolean allowSubscribeForAnonymous,
                             boolean allowPublishForSubscriber, boolean allowPublishForClient,
                             boolean allowPublishForAnonymous, boolean allowHistoryForSubscriber,
                             boolean allowHistoryForClient, boolean allowHistoryForAnonymous,
                             boolean allowPresenceForSubscriber, boolean allowPresenceForClient,
                             boolean allowPresenceForAnonymous, boolean allowUserLimitedChannels) {
    public static final ChannelOptions DEFAULT = builder().build();

    public ChannelOptions {
        Objects.requireNonNull(historyTtl, "history_ttl");
        if (historySize < 0) {
            throw new IllegalArgumentException("history_size must be non-negative: " + historySize);
        }
        if (historySize > 0 && !historyTtl.isPositive()) {
            throw new IllegalArgumentException("history_ttl must be set when history_size is");
        }
        if ((forceRecovery || allowRecovery) && historySize == 0) {
            throw new IllegalArgumentException("force_recovery and allow_recovery need history_size and history_ttl");
        }
    }

    public boolean hasHistory() {
        return historySize > 0;
    }

    public PublishOptions publishOptions() {
        return hasHistory() ? new PublishOptions(historySize, historyTtl) : PublishOptions.NO_HISTORY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds options; names follow the config keys. */
    public static final class Builder {
        private int historySize;
        private Duration historyTtl = Duration.ZERO;
        private boolean presence;
        private boolean joinLeave;
        private boolean forcePushJoinLeave;
        private boolean forceRecovery;
        private boolean allowRecovery;
        private boolean allowSubscribeForClient;
        private boolean allowSubscribeForAnonymous;
        private boolean allowPublishForSubscriber;
        private boolean allowPublishForClient;
        private boolean allowPublishForAnonymous;
        private boolean allowHistoryForSubscriber;
        private boolean allowHistoryForClient;
        private boolean allowHistoryForAnonymous;
        private boolean allowPresenceForSubscriber;
        private boolean allowPresenceForClient;
        private boolean allowPresenceForAnonymous;
        private boolean allowUserLimitedChannels;

        public Builder history(int size, Duration ttl) {
            this.historySize = size;
            this.historyTtl = ttl;
            return this;
        }

        public Builder presence(boolean v) {
            presence = v;
            return this;
        }

        public Builder joinLeave(boolean v) {
            joinLeave = v;
            return this;
        }

        public Builder forcePushJoinLeave(boolean v) {
            forcePushJoinLeave = v;
            return this;
        }

        public Builder forceRecovery(boolean v) {
            forceRecovery = v;
            return this;
        }

        public Builder allowRecovery(boolean v) {
            allowRecovery = v;
            return this;
        }

        public Builder allowSubscribeForClient(boolean v) {
            allowSubscribeForClient = v;
            return this;
        }

        public Builder allowSubscribeForAnonymous(boolean v) {
            allowSubscribeForAnonymous = v;
            return this;
        }

        public Builder allowPublishForSubscriber(boolean v) {
            allowPublishForSubscriber = v;
            return this;
        }

        public Builder allowPublishForClient(boolean v) {
            allowPublishForClient = v;
            return this;
        }

        public Builder allowPublishForAnonymous(boolean v) {
            allowPublishForAnonymous = v;
            return this;
        }

        public Builder allowHistoryForSubscriber(boolean v) {
            allowHistoryForSubscriber = v;
            return this;
        }

        public Builder allowHistoryForClient(boolean v) {
            allowHistoryForClient = v;
            return this;
        }

        public Builder allowHistoryForAnonymous(boolean v) {
            allowHistoryForAnonymous = v;
            return this;
        }

        public Builder allowPresenceForAnonymous(boolean v) {
            allowPresenceForAnonymous = v;
            return this;
        }

        public Builder allowPresenceForSubscriber(boolean v) {
            allowPresenceForSubscriber = v;
            return this;
        }

        public Builder allowPresenceForClient(boolean v) {
            allowPresenceForClient = v;
            return this;
        }

        public Builder allowUserLimitedChannels(boolean v) {
            allowUserLimitedChannels = v;
            return this;
        }

        public ChannelOptions build() {
            return new ChannelOptions(historySize, historyTtl, presence, joinLeave, forcePushJoinLeave, forceRecovery,
                    allowRecovery, allowSubscribeForClient, allowSubscribeForAnonymous, allowPublishForSubscriber,
                    allowPublishForClient, allowPublishForAnonymous, allowHistoryForSubscriber, allowHistoryForClient,
                    allowHistoryForAnonymous, allowPresenceForSubscriber, allowPresenceForClient,
                    allowPresenceForAnonymous, allowUserLimitedChannels);
        }
    }
}
