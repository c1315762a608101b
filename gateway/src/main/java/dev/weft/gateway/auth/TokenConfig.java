package dev.weft.gateway.auth;

import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;

/**
 * Keys and checks for client tokens. Each key enables only its own algorithm family
 * (HMAC secret: HS256/384/512, RSA key: RS256/384/512, EC P-256 key: ES256), so a token
 * cannot pick which key verifies it. Audience and issuer are checked when set.
 */
public record TokenConfig(Optional<byte[]> hmacSecret, Optional<RSAPublicKey> rsaPublicKey,
                          Optional<ECPublicKey> ecPublicKey, Optional<String> audience, Optional<String> issuer) {
    /** HS256 needs at least 256 bits of key, as RFC 7518 section 3.2 requires. */
    public static final int MIN_HMAC_SECRET_BYTES = 32;

    public TokenConfig {
        hmacSecret = hmacSecret.map(byte[]::clone);
        hmacSecret.ifPresent(s -> {
            if (s.length < MIN_HMAC_SECRET_BYTES) {
                throw new IllegalArgumentException("token_hmac_secret_key must be at least "
                        + MIN_HMAC_SECRET_BYTES + " bytes, got " + s.length);
            }
        });
        if (hmacSecret.isEmpty() && rsaPublicKey.isEmpty() && ecPublicKey.isEmpty()) {
            throw new IllegalArgumentException("token config needs at least one key");
        }
    }

    public static TokenConfig hmac(byte[] secret) {
        return new TokenConfig(Optional.of(secret), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static TokenConfig rsa(RSAPublicKey key) {
        return new TokenConfig(Optional.empty(), Optional.of(key), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static TokenConfig ec(ECPublicKey key) {
        return new TokenConfig(Optional.empty(), Optional.empty(), Optional.of(key), Optional.empty(), Optional.empty());
    }

    public TokenConfig withHmac(byte[] secret) {
        return new TokenConfig(Optional.of(secret), rsaPublicKey, ecPublicKey, audience, issuer);
    }

    public TokenConfig withRsa(RSAPublicKey key) {
        return new TokenConfig(hmacSecret, Optional.of(key), ecPublicKey, audience, issuer);
    }

    public TokenConfig withAudience(String aud) {
        return new TokenConfig(hmacSecret, rsaPublicKey, ecPublicKey, Optional.of(aud), issuer);
    }

    public TokenConfig withIssuer(String iss) {
        return new TokenConfig(hmacSecret, rsaPublicKey, ecPublicKey, audience, Optional.of(iss));
    }
}
