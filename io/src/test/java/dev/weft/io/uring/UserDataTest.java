package dev.weft.io.uring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The user_data codec and the registry that dispatches on it. */
class UserDataTest {

    @Test
    void encodeRoundTripsHandlerIdAndToken() {
        long ud = UserData.encode(UserData.MAX_HANDLERS - 1, UserData.MAX_TOKEN);
        assertThat(UserData.handlerId(ud)).isEqualTo(UserData.MAX_HANDLERS - 1);
        assertThat(UserData.token(ud)).isEqualTo(UserData.MAX_TOKEN);
        long small = UserData.encode(3, 7);
        assertThat(UserData.handlerId(small)).isEqualTo(3);
        assertThat(UserData.token(small)).isEqualTo(7);
    }

    @Test
    void encodeRejectsOutOfRangeIdsAndTokens() {
        assertThatThrownBy(() -> UserData.encode(UserData.MAX_HANDLERS, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("handler id");
        assertThatThrownBy(() -> UserData.encode(0, UserData.MAX_TOKEN + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token");
        assertThatThrownBy(() -> UserData.encode(0, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token");
    }

    @Test
    void registryDispatchesEachCqeToItsHandlerWithTheToken() {
        CompletionRegistry registry = new CompletionRegistry();
        List<String> seen = new ArrayList<>();
        int a = registry.register((token, res, flags) -> seen.add("a" + token + "/" + res));
        int b = registry.register((token, res, flags) -> seen.add("b" + token + "/" + flags));
        registry.onCqe(UserData.encode(b, 5), 0, 2);
        registry.onCqe(UserData.encode(a, 9), -125, 0);
        assertThat(seen).containsExactly("b5/2", "a9/-125");
    }

    @Test
    void registryRejectsACqeForAnUnregisteredHandler() {
        CompletionRegistry registry = new CompletionRegistry();
        assertThatThrownBy(() -> registry.onCqe(UserData.encode(7, 1), 0, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unregistered handler 7");
    }

    @Test
    void registryRefusesMoreHandlersThanIdsExist() {
        CompletionRegistry registry = new CompletionRegistry();
        for (int i = 0; i < UserData.MAX_HANDLERS; i++) {
            registry.register((token, res, flags) -> {});
        }
        assertThatThrownBy(() -> registry.register((token, res, flags) -> {}))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("taken");
    }
}
