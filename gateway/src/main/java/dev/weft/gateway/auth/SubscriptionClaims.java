package dev.weft.gateway.auth;

import dev.weft.gateway.protocol.RawJson;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What a verified subscription token grants: {@code user} may join {@code channel}. */
public record SubscriptionClaims(String user, String channel, Optional<Instant> expiresAt, RawJson info) {
    public SubscriptionClaims {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(channel, "channel");
    }
}
