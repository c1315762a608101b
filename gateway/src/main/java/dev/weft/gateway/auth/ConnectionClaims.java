package dev.weft.gateway.auth;

import dev.weft.gateway.protocol.RawJson;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a verified connection token grants. {@code user} is {@code sub} (empty: anonymous);
 * {@code expiresAt} is {@code expire_at} when present, else {@code exp} (absent: never);
 * {@code channels} are server-side subscriptions made at connect.
 */
public record ConnectionClaims(String user, Optional<Instant> expiresAt, RawJson info, List<String> channels) {
    public ConnectionClaims {
        Objects.requireNonNull(user, "user");
        channels = List.copyOf(channels);
    }
}
