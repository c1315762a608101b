package dev.weft.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The glob of {@code channels}: Centrifugo's syntax, no separators. */
class ChannelPatternTest {
    private static boolean matches(String glob, String channel) {
        return ChannelPattern.compile(glob).matches(channel);
    }

    @Test
    void emptyPatternMatchesEverything() {
        assertThat(matches("", "anything:at#all")).isTrue();
    }

    @Test
    void starCrossesNamespaceBoundaries() {
        assertThat(matches("chat*", "chat:room:1")).isTrue();
        assertThat(matches("*:1", "chat:room:1")).isTrue();
        assertThat(matches("chat*", "news")).isFalse();
    }

    @Test
    void questionMarkIsExactlyOneCharacter() {
        assertThat(matches("room-?", "room-a")).isTrue();
        assertThat(matches("room-?", "room-ab")).isFalse();
        assertThat(matches("room-?", "room-")).isFalse();
    }

    @Test
    void characterClassesRangesAndNegation() {
        assertThat(matches("room-[ab]", "room-b")).isTrue();
        assertThat(matches("room-[a-c]", "room-c")).isTrue();
        assertThat(matches("room-[a-c]", "room-d")).isFalse();
        assertThat(matches("room-[!a-c]", "room-d")).isTrue();
        assertThat(matches("room-[!a-c]", "room-a")).isFalse();
    }

    @Test
    void alternativesHoldPatterns() {
        assertThat(matches("{news,chat:*}", "chat:1")).isTrue();
        assertThat(matches("{news,chat:*}", "news")).isTrue();
        assertThat(matches("{news,chat:*}", "newsroom")).isFalse();
    }

    @Test
    void regexCharactersAndEscapesAreLiteral() {
        assertThat(matches("a.b", "a.b")).isTrue();
        assertThat(matches("a.b", "axb")).isFalse();
        assertThat(matches("a\\*", "a*")).isTrue();
        assertThat(matches("a\\*", "ab")).isFalse();
        assertThat(matches("$user(1)", "$user(1)")).isTrue();
    }

    @Test
    void malformedPatternsSayWhatIsWrong() {
        assertThatThrownBy(() -> ChannelPattern.compile("room-[ab")).hasMessage("unclosed '['");
        assertThatThrownBy(() -> ChannelPattern.compile("{a,b")).hasMessage("unclosed '{'");
        assertThatThrownBy(() -> ChannelPattern.compile("a\\")).hasMessage("trailing '\\'");
        assertThatThrownBy(() -> ChannelPattern.compile("[]")).isInstanceOf(IllegalArgumentException.class);
    }
}
