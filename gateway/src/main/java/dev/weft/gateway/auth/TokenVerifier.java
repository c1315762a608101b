package dev.weft.gateway.auth;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.weft.gateway.auth.TokenRejectedException.Reason;
import dev.weft.gateway.protocol.RawJson;
import java.io.IOException;
import java.text.ParseException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies connection and subscription JWTs with Centrifugo's claims: {@code sub},
 * {@code exp}, {@code nbf}, {@code iat}, {@code info}, {@code channels},
 * {@code expire_at}, {@code aud}, {@code iss}, and {@code channel} for subscriptions.
 * The token's {@code alg} only selects among keys configured for that family: an
 * unsigned token, or an HMAC token when only an RSA key is configured (the classic
 * algorithm-confusion attack), is rejected before any signature check. A connection
 * token must not carry {@code channel} and a subscription token must. Thread-safe.
 */
public final class TokenVerifier {
    private static final Set<JWSAlgorithm> HMAC = Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);
    private static final Set<JWSAlgorithm> RSA = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);

    private final TokenConfig config;
    private final InstantSource clock;

    public TokenVerifier(TokenConfig config, InstantSource clock) {
        this.config = config;
        this.clock = clock;
    }

    public ConnectionClaims verifyConnection(String token) throws TokenRejectedException {
        Verified v = verify(token);
        try {
            if (v.claims.getClaim("channel") != null) {
                throw new TokenRejectedException(Reason.WRONG_TOKEN_KIND,
                        "connection token has a channel claim: a subscription token was used to connect");
            }
            return new ConnectionClaims(subject(v), expiry(v.claims), info(v), channels(v.claims));
        } catch (ParseException e) {
            throw new TokenRejectedException(Reason.BAD_CLAIM, "bad claim type: " + e.getMessage());
        }
    }

    public SubscriptionClaims verifySubscription(String token) throws TokenRejectedException {
        Verified v = verify(token);
        try {
            String channel = v.claims.getStringClaim("channel");
            if (channel == null || channel.isEmpty()) {
                throw new TokenRejectedException(Reason.WRONG_TOKEN_KIND,
                        "subscription token has no channel claim");
            }
            return new SubscriptionClaims(subject(v), channel, expiry(v.claims), info(v));
        } catch (ParseException e) {
            throw new TokenRejectedException(Reason.BAD_CLAIM, "bad claim type: " + e.getMessage());
        }
    }

    private record Verified(SignedJWT jwt, JWTClaimsSet claims) {}

    private Verified verify(String token) throws TokenRejectedException {
        Algorithm alg = headerAlgorithm(token);
        if (Algorithm.NONE.equals(alg)) {
            throw new TokenRejectedException(Reason.UNSIGNED, "unsigned token (alg none)");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new TokenRejectedException(Reason.MALFORMED, "malformed token: " + e.getMessage());
        }
        JWSAlgorithm jwsAlg = jwt.getHeader().getAlgorithm();
        JWSVerifier verifier = verifierFor(jwsAlg);
        try {
            if (!jwt.verify(verifier)) {
                throw new TokenRejectedException(Reason.BAD_SIGNATURE, "signature does not verify");
            }
        } catch (JOSEException e) {
            throw new TokenRejectedException(Reason.BAD_SIGNATURE, "signature check failed: " + e.getMessage());
        }
        checkTimes(claims);
        checkAudienceAndIssuer(claims);
        return new Verified(jwt, claims);
    }

    private static Algorithm headerAlgorithm(String token) throws TokenRejectedException {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            throw new TokenRejectedException(Reason.MALFORMED, "malformed token: no header");
        }
        try {
            return Header.parse(new Base64URL(token.substring(0, dot))).getAlgorithm();
        } catch (ParseException e) {
            throw new TokenRejectedException(Reason.MALFORMED, "malformed token header: " + e.getMessage());
        }
    }

    private JWSVerifier verifierFor(JWSAlgorithm alg) throws TokenRejectedException {
        try {
            if (HMAC.contains(alg)) {
                byte[] secret = config.hmacSecret().orElseThrow(() -> noKey(alg));
                return new MACVerifier(secret);
            }
            if (RSA.contains(alg)) {
                return new RSASSAVerifier(config.rsaPublicKey().orElseThrow(() -> noKey(alg)));
            }
            if (JWSAlgorithm.ES256.equals(alg)) {
                return new ECDSAVerifier(config.ecPublicKey().orElseThrow(() -> noKey(alg)));
            }
        } catch (JOSEException e) {
            throw new TokenRejectedException(Reason.NO_KEY_FOR_ALGORITHM, "unusable key for " + alg + ": " + e.getMessage());
        }
        throw new TokenRejectedException(Reason.UNSUPPORTED_ALGORITHM, "unsupported algorithm " + alg);
    }

    private static TokenRejectedException noKey(JWSAlgorithm alg) {
        return new TokenRejectedException(Reason.NO_KEY_FOR_ALGORITHM, "no key configured for " + alg);
    }

    private void checkTimes(JWTClaimsSet claims) throws TokenRejectedException {
        Instant now = clock.instant();
        Date exp;
        Date nbf;
        try {
            exp = claims.getDateClaim("exp");
            nbf = claims.getDateClaim("nbf");
        } catch (ParseException e) {
            throw new TokenRejectedException(Reason.BAD_CLAIM, "bad time claim: " + e.getMessage());
        }
        if (exp != null && !now.isBefore(exp.toInstant())) {
            throw new TokenRejectedException(Reason.EXPIRED, "token expired at " + exp.toInstant());
        }
        if (nbf != null && now.isBefore(nbf.toInstant())) {
            throw new TokenRejectedException(Reason.NOT_YET_VALID, "token not valid before " + nbf.toInstant());
        }
    }

    private void checkAudienceAndIssuer(JWTClaimsSet claims) throws TokenRejectedException {
        if (config.audience().isPresent()) {
            List<String> aud = claims.getAudience();
            if (!aud.contains(config.audience().get())) {
                throw new TokenRejectedException(Reason.WRONG_AUDIENCE, "audience " + aud + " does not include "
                        + config.audience().get());
            }
        }
        if (config.issuer().isPresent() && !config.issuer().get().equals(claims.getIssuer())) {
            throw new TokenRejectedException(Reason.WRONG_ISSUER, "issuer " + claims.getIssuer() + " is not "
                    + config.issuer().get());
        }
    }

    /** Strictly a list of strings: the library would also turn a lone string into a list. */
    private static List<String> channels(JWTClaimsSet claims) throws TokenRejectedException {
        Object value = claims.getClaim("channels");
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new TokenRejectedException(Reason.BAD_CLAIM, "channels claim must be a list of strings");
        }
        return list.stream().map(String.class::cast).toList();
    }

    /** Checked in the raw payload: the library turns a numeric {@code sub} into a string. */
    private static String subject(Verified v) throws TokenRejectedException {
        RawJson raw = rawClaim(v, "sub");
        if (raw == null) {
            return "";
        }
        if (!raw.toString().startsWith("\"")) {
            throw new TokenRejectedException(Reason.BAD_CLAIM, "sub claim must be a string");
        }
        return v.claims.getSubject();
    }

    /** {@code expire_at} (seconds; 0 = never) overrides {@code exp} for the connection's lifetime. */
    private static Optional<Instant> expiry(JWTClaimsSet claims) throws ParseException {
        if (claims.getClaim("expire_at") != null) {
            Long expireAt = claims.getLongClaim("expire_at");
            return expireAt == 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(expireAt));
        }
        Date exp = claims.getExpirationTime();
        return Optional.ofNullable(exp).map(Date::toInstant);
    }

    private static RawJson info(Verified v) throws TokenRejectedException {
        return rawClaim(v, "info");
    }

    private static RawJson rawClaim(Verified v, String name) throws TokenRejectedException {
        try {
            return RawClaims.read(v.jwt.getPayload().toBytes(), name);
        } catch (IOException | IllegalArgumentException e) {
            throw new TokenRejectedException(Reason.BAD_CLAIM, "bad " + name + " claim: " + e.getMessage());
        }
    }
}
