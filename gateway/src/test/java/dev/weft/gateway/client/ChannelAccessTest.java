package dev.weft.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.gateway.hub.ChannelName;
import dev.weft.gateway.hub.ChannelOptions;
import org.junit.jupiter.api.Test;

class ChannelAccessTest {
    private static final String ANONYMOUS = "";

    @Test
    void nothingIsAllowedByDefault() {
        ChannelOptions none = ChannelOptions.DEFAULT;
        assertThat(ChannelAccess.maySubscribe(ChannelName.parse("news"), none, "42")).isFalse();
        assertThat(ChannelAccess.mayPublish(none, "42", true)).isFalse();
        assertThat(ChannelAccess.mayReadHistory(none, "42", true)).isFalse();
        assertThat(ChannelAccess.mayReadPresence(none, "42", true)).isFalse();
    }

    @Test
    void forClientOptionsNeedForAnonymousForAnonymousUsers() {
        ChannelOptions client = ChannelOptions.builder().allowSubscribeForClient(true).allowPublishForClient(true)
                .allowHistoryForClient(true).allowPresenceForClient(true).build();
        ChannelName news = ChannelName.parse("news");
        assertThat(ChannelAccess.maySubscribe(news, client, "42")).isTrue();
        assertThat(ChannelAccess.mayPublish(client, "42", false)).isTrue();
        assertThat(ChannelAccess.mayReadHistory(client, "42", false)).isTrue();
        assertThat(ChannelAccess.mayReadPresence(client, "42", false)).isTrue();
        assertThat(ChannelAccess.maySubscribe(news, client, ANONYMOUS)).isFalse();
        assertThat(ChannelAccess.mayPublish(client, ANONYMOUS, false)).isFalse();
        assertThat(ChannelAccess.mayReadHistory(client, ANONYMOUS, false)).isFalse();
        assertThat(ChannelAccess.mayReadPresence(client, ANONYMOUS, false)).isFalse();

        ChannelOptions anonymous = ChannelOptions.builder().allowSubscribeForClient(true)
                .allowSubscribeForAnonymous(true).allowPublishForClient(true).allowPublishForAnonymous(true)
                .allowHistoryForClient(true).allowHistoryForAnonymous(true).allowPresenceForClient(true)
                .allowPresenceForAnonymous(true).build();
        assertThat(ChannelAccess.maySubscribe(news, anonymous, ANONYMOUS)).isTrue();
        assertThat(ChannelAccess.mayPublish(anonymous, ANONYMOUS, false)).isTrue();
        assertThat(ChannelAccess.mayReadHistory(anonymous, ANONYMOUS, false)).isTrue();
        assertThat(ChannelAccess.mayReadPresence(anonymous, ANONYMOUS, false)).isTrue();
    }

    @Test
    void forSubscriberOptionsNeedASubscription() {
        ChannelOptions subscriber = ChannelOptions.builder().allowPublishForSubscriber(true)
                .allowHistoryForSubscriber(true).allowPresenceForSubscriber(true).build();
        assertThat(ChannelAccess.mayPublish(subscriber, "42", false)).isFalse();
        assertThat(ChannelAccess.mayPublish(subscriber, "42", true)).isTrue();
        assertThat(ChannelAccess.mayReadHistory(subscriber, ANONYMOUS, true)).isTrue();
        assertThat(ChannelAccess.mayReadPresence(subscriber, "42", false)).isFalse();
    }

    @Test
    void privateChannelsNeedATokenAndUserLimitedOnesTheirUsers() {
        ChannelOptions open = ChannelOptions.builder().allowSubscribeForClient(true).allowUserLimitedChannels(true).build();
        assertThat(ChannelAccess.maySubscribe(ChannelName.parse("$news"), open, "42")).isFalse();
        assertThat(ChannelAccess.maySubscribe(ChannelName.parse("dm#42,43"), open, "42")).isTrue();
        assertThat(ChannelAccess.maySubscribe(ChannelName.parse("dm#42,43"), open, "44")).isFalse();
        ChannelOptions notLimited = ChannelOptions.builder().allowSubscribeForClient(true).build();
        assertThat(ChannelAccess.maySubscribe(ChannelName.parse("dm#42,43"), notLimited, "42")).isFalse();
    }
}
