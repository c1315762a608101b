package dev.weft.gateway.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelNameTest {
    @Test
    void parsesNamespacePrivacyAndUsers() {
        assertThat(ChannelName.parse("news")).isEqualTo(new ChannelName("news", false, "", java.util.List.of()));
        assertThat(ChannelName.parse("chat:room:1").namespace()).isEqualTo("chat");
        ChannelName priv = ChannelName.parse("$secret:x");
        assertThat(priv.isPrivate()).isTrue();
        assertThat(priv.namespace()).isEqualTo("secret");
        ChannelName dialog = ChannelName.parse("dialog:#42,43");
        assertThat(dialog.isUserLimited()).isTrue();
        assertThat(dialog.allowedUsers()).containsExactly("42", "43");
    }

    @Test
    void configResolvesNamespacesAndRejectsUnknownOnes() {
        ChannelOptions chat = ChannelOptions.builder().presence(true).build();
        ChannelConfig config = new ChannelConfig(ChannelOptions.DEFAULT, Map.of("chat", chat));
        assertThat(config.optionsFor(ChannelName.parse("news"))).contains(ChannelOptions.DEFAULT);
        assertThat(config.optionsFor(ChannelName.parse("chat:1"))).contains(chat);
        assertThat(config.optionsFor(ChannelName.parse("$chat:1"))).contains(chat);
        assertThat(config.optionsFor(ChannelName.parse("nope:1"))).isEmpty();
    }

    @Test
    void optionsAreValidatedWithTheirConfigNames() {
        assertThatThrownBy(() -> ChannelOptions.builder().history(10, Duration.ZERO).build())
                .hasMessageContaining("history_ttl");
        assertThatThrownBy(() -> ChannelOptions.builder().forceRecovery(true).build())
                .hasMessageContaining("force_recovery");
        assertThatThrownBy(() -> new ChannelConfig(ChannelOptions.DEFAULT, Map.of("a b", ChannelOptions.DEFAULT)))
                .hasMessageContaining("namespace name \"a b\"");
    }
}
