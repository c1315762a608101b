package dev.weft.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.gateway.auth.ConnectionClaims;
import dev.weft.gateway.auth.SubscriptionClaims;
import dev.weft.gateway.auth.TokenConfig;
import dev.weft.gateway.auth.TokenVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ./weft token}: the tokens it prints pass the gateway's own verifier. */
class TokenMainTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef-secret";
    private static final Map<String, String> ENV = Map.of("WEFT_TOKEN_HMAC_SECRET", SECRET);
    private final TokenVerifier verifier = new TokenVerifier(
            TokenConfig.hmac(SECRET.getBytes(StandardCharsets.UTF_8)), InstantSource.system());

    @Test
    void connectionTokenCarriesUserChannelsAndExpiry() throws Exception {
        String token = TokenMain.run(new String[] {"--user", "alice", "--channel", "news",
                "--channel", "chat:room", "--ttl", "30m"}, ENV);
        ConnectionClaims claims = verifier.verifyConnection(token);
        assertThat(claims.user()).isEqualTo("alice");
        assertThat(claims.channels()).containsExactly("news", "chat:room");
        assertThat(claims.expiresAt()).hasValueSatisfying(exp -> assertThat(exp)
                .isBetween(Instant.now().plus(Duration.ofMinutes(29)), Instant.now().plus(Duration.ofMinutes(31))));
    }

    @Test
    void subscriptionTokenNamesItsChannel() throws Exception {
        String token = TokenMain.run(new String[] {"--sub", "--user", "bob", "--channel", "$private"}, ENV);
        SubscriptionClaims claims = verifier.verifySubscription(token);
        assertThat(claims.user()).isEqualTo("bob");
        assertThat(claims.channel()).isEqualTo("$private");
    }

    @Test
    void badInvocationsSayWhatIsWrong() {
        assertThatThrownBy(() -> TokenMain.run(new String[] {"--channel", "x"}, ENV))
                .hasMessage("--user is required");
        assertThatThrownBy(() -> TokenMain.run(new String[] {"--user", "u"}, Map.of()))
                .hasMessageContaining("set WEFT_TOKEN_HMAC_SECRET");
        assertThatThrownBy(() -> TokenMain.run(new String[] {"--user", "u", "--secret", "short"}, Map.of()))
                .hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> TokenMain.run(new String[] {"--user", "u", "--ttl", "soon"}, ENV))
                .hasMessageContaining("not a duration");
        assertThatThrownBy(() -> TokenMain.run(new String[] {"--sub", "--user", "u"}, ENV))
                .hasMessageContaining("exactly one --channel");
        assertThatThrownBy(() -> TokenMain.run(new String[] {"--user", "u", "--admin"}, ENV))
                .hasMessageContaining("unknown option '--admin'");
    }
}
