package dev.weft.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.weft.gateway.protocol.RawJson;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Creates connection and subscription tokens, for {@code weft token} and for tests:
 * the same claims {@link TokenVerifier} reads, signed with HS256, RS256 or ES256.
 */
public final class TokenIssuer {
    private final JWSAlgorithm alg;
    private final JWSSigner signer;
    private final InstantSource clock;

    private TokenIssuer(JWSAlgorithm alg, JWSSigner signer, InstantSource clock) {
        this.alg = alg;
        this.signer = signer;
        this.clock = clock;
    }

    public static TokenIssuer hs256(byte[] secret, InstantSource clock) {
        try {
            return new TokenIssuer(JWSAlgorithm.HS256, new MACSigner(secret), clock);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("HMAC secret too short: " + e.getMessage(), e);
        }
    }

    public static TokenIssuer rs256(RSAPrivateKey key, InstantSource clock) {
        return new TokenIssuer(JWSAlgorithm.RS256, new RSASSASigner(key), clock);
    }

    public static TokenIssuer es256(ECPrivateKey key, InstantSource clock) {
        try {
            return new TokenIssuer(JWSAlgorithm.ES256, new ECDSASigner(key), clock);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("EC key not usable for ES256: " + e.getMessage(), e);
        }
    }

    /** A connection token for {@code user}; {@code ttl} zero means no {@code exp}; {@code info} may be null. */
    public String connectionToken(String user, Duration ttl, RawJson info, List<String> channels) {
        JWTClaimsSet.Builder claims = base(user, ttl, info);
        if (!channels.isEmpty()) {
            claims.claim("channels", List.copyOf(channels));
        }
        return sign(claims.build());
    }

    /** A subscription token letting {@code user} subscribe to {@code channel}. */
    public String subscriptionToken(String user, String channel, Duration ttl, RawJson info) {
        return sign(base(user, ttl, info).claim("channel", channel).build());
    }

    /** Signs arbitrary claims; for tokens the helpers above cannot express. */
    public String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    private JWTClaimsSet.Builder base(String user, Duration ttl, RawJson info) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(user).issueTime(Date.from(now));
        if (!ttl.isZero()) {
            claims.expirationTime(Date.from(now.plus(ttl)));
        }
        if (info != null) {
            claims.claim("info", parseInfo(info));
        }
        return claims;
    }

    private static Object parseInfo(RawJson info) {
        String text = info.toString();
        try {
            Map<String, Object> wrapped = JSONObjectUtils.parse("{\"v\":" + text + "}");
            return wrapped.get("v");
        } catch (ParseException e) {
            throw new IllegalArgumentException("info is not JSON: " + e.getMessage(), e);
        }
    }
}
