package dev.weft.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.weft.gateway.auth.TokenRejectedException.Reason;
import dev.weft.gateway.protocol.RawJson;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;

class TokenVerifierTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
            .getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final InstantSource CLOCK = InstantSource.fixed(NOW);

    private final TokenIssuer hs256 = TokenIssuer.hs256(SECRET, CLOCK);
    private final TokenVerifier hmacVerifier = new TokenVerifier(TokenConfig.hmac(SECRET), CLOCK);

    private static KeyPair rsaKeys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static KeyPair ecKeys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static Reason rejection(ThrowingSupplier<?> verify) {
        try {
            verify.get();
        } catch (TokenRejectedException e) {
            return e.reason();
        } catch (Throwable t) {
            throw new AssertionError("unexpected " + t, t);
        }
        throw new AssertionError("token was accepted");
    }

    private static String hmacToken(JWSAlgorithm alg, byte[] secret, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    @Test
    void acceptsHs256ConnectionTokenWithAllClaims() throws Exception {
        String token = hs256.connectionToken("42", Duration.ofMinutes(5), RawJson.of("{\"name\":\"Ann\",\"n\":[1,2]}"),
                List.of("$user:42", "news"));
        ConnectionClaims claims = hmacVerifier.verifyConnection(token);
        assertThat(claims.user()).isEqualTo("42");
        assertThat(claims.expiresAt()).contains(NOW.plus(Duration.ofMinutes(5)));
        assertThat(claims.info()).isEqualTo(RawJson.of("{\"name\":\"Ann\",\"n\":[1,2]}"));
        assertThat(claims.channels()).containsExactly("$user:42", "news");
    }

    @Test
    void acceptsAnonymousTokenWithoutExpiry() throws Exception {
        ConnectionClaims claims = hmacVerifier.verifyConnection(hs256.connectionToken("", Duration.ZERO, null, List.of()));
        assertThat(claims.user()).isEmpty();
        assertThat(claims.expiresAt()).isEmpty();
        assertThat(claims.info()).isNull();
    }

    @Test
    void acceptsHs384AndHs512WithLongEnoughSecret() throws Exception {
        var claims = new JWTClaimsSet.Builder().subject("u").build();
        assertThat(hmacVerifier.verifyConnection(hmacToken(JWSAlgorithm.HS384, SECRET, claims)).user()).isEqualTo("u");
        assertThat(hmacVerifier.verifyConnection(hmacToken(JWSAlgorithm.HS512, SECRET, claims)).user()).isEqualTo("u");
    }

    @Test
    void expireAtOverridesExp() throws Exception {
        var claims = new JWTClaimsSet.Builder().subject("u").expirationTime(Date.from(NOW.plusSeconds(60)))
                .claim("expire_at", NOW.getEpochSecond() + 3600).build();
        assertThat(hmacVerifier.verifyConnection(hs256.sign(claims)).expiresAt()).contains(NOW.plusSeconds(3600));
        var never = new JWTClaimsSet.Builder().subject("u").expirationTime(Date.from(NOW.plusSeconds(60)))
                .claim("expire_at", 0).build();
        assertThat(hmacVerifier.verifyConnection(hs256.sign(never)).expiresAt()).isEmpty();
    }

    @Test
    void acceptsRs256AndEs256() throws Exception {
        KeyPair rsa = rsaKeys();
        String rsToken = TokenIssuer.rs256((RSAPrivateKey) rsa.getPrivate(), CLOCK)
                .connectionToken("r", Duration.ofMinutes(1), null, List.of());
        assertThat(new TokenVerifier(TokenConfig.rsa((RSAPublicKey) rsa.getPublic()), CLOCK)
                .verifyConnection(rsToken).user()).isEqualTo("r");

        KeyPair ec = ecKeys();
        String esToken = TokenIssuer.es256((ECPrivateKey) ec.getPrivate(), CLOCK)
                .connectionToken("e", Duration.ofMinutes(1), null, List.of());
        assertThat(new TokenVerifier(TokenConfig.ec((ECPublicKey) ec.getPublic()), CLOCK)
                .verifyConnection(esToken).user()).isEqualTo("e");
    }

    @Test
    void acceptsSubscriptionToken() throws Exception {
        String token = hs256.subscriptionToken("42", "$secret", Duration.ofMinutes(1), RawJson.of("{\"role\":\"x\"}"));
        SubscriptionClaims claims = hmacVerifier.verifySubscription(token);
        assertThat(claims).isEqualTo(new SubscriptionClaims("42", "$secret", Optional.of(NOW.plusSeconds(60)),
                RawJson.of("{\"role\":\"x\"}")));
    }

    @Test
    void rejectsGarbage() {
        assertThat(rejection(() -> hmacVerifier.verifyConnection("not-a-token"))).isEqualTo(Reason.MALFORMED);
        assertThat(rejection(() -> hmacVerifier.verifyConnection("a.b.c"))).isEqualTo(Reason.MALFORMED);
        assertThat(rejection(() -> hmacVerifier.verifyConnection(""))).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void rejectsAlgNoneWithAndWithoutSignature() throws Exception {
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}").toString();
        String payload = Base64URL.encode("{\"sub\":\"admin\"}").toString();
        assertThat(rejection(() -> hmacVerifier.verifyConnection(header + "." + payload + ".")))
                .isEqualTo(Reason.UNSIGNED);
        String signed = hs256.connectionToken("admin", Duration.ZERO, null, List.of());
        String signature = signed.substring(signed.lastIndexOf('.') + 1);
        assertThat(rejection(() -> hmacVerifier.verifyConnection(header + "." + payload + "." + signature)))
                .isEqualTo(Reason.UNSIGNED);
    }

    @Test
    void rejectsHmacTokenSignedWithTheRsaPublicKey() throws Exception {
        KeyPair rsa = rsaKeys();
        RSAPublicKey publicKey = (RSAPublicKey) rsa.getPublic();
        // The attacker knows the public key and uses its bytes as an HMAC secret.
        String forged = hmacToken(JWSAlgorithm.HS256, publicKey.getEncoded(),
                new JWTClaimsSet.Builder().subject("admin").build());
        TokenVerifier rsaOnly = new TokenVerifier(TokenConfig.rsa(publicKey), CLOCK);
        assertThat(rejection(() -> rsaOnly.verifyConnection(forged))).isEqualTo(Reason.NO_KEY_FOR_ALGORITHM);
        // With an HMAC secret configured too, the forged token is checked against that secret only.
        TokenVerifier both = new TokenVerifier(TokenConfig.rsa(publicKey).withHmac(SECRET), CLOCK);
        assertThat(rejection(() -> both.verifyConnection(forged))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void rejectsRsaTokenWhenOnlyHmacIsConfigured() throws Exception {
        String rsToken = TokenIssuer.rs256((RSAPrivateKey) rsaKeys().getPrivate(), CLOCK)
                .connectionToken("r", Duration.ZERO, null, List.of());
        assertThat(rejection(() -> hmacVerifier.verifyConnection(rsToken))).isEqualTo(Reason.NO_KEY_FOR_ALGORITHM);
    }

    @Test
    void rejectsUnsupportedAlgorithm() {
        String header = Base64URL.encode("{\"alg\":\"PS256\"}").toString();
        String payload = Base64URL.encode("{\"sub\":\"u\"}").toString();
        assertThat(rejection(() -> hmacVerifier.verifyConnection(header + "." + payload + ".c2ln")))
                .isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void rejectsWrongSecretAndTamperedPayload() throws Exception {
        byte[] other = SECRET.clone();
        other[0] ^= 1;
        String wrongKey = TokenIssuer.hs256(other, CLOCK).connectionToken("u", Duration.ZERO, null, List.of());
        assertThat(rejection(() -> hmacVerifier.verifyConnection(wrongKey))).isEqualTo(Reason.BAD_SIGNATURE);

        String good = hs256.connectionToken("u", Duration.ZERO, null, List.of());
        String[] parts = good.split("\\.");
        String tampered = parts[0] + "." + Base64URL.encode("{\"sub\":\"admin\"}") + "." + parts[2];
        assertThat(rejection(() -> hmacVerifier.verifyConnection(tampered))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void rejectsExpiredTokenAtTheExactExpiry() {
        TokenIssuer past = TokenIssuer.hs256(SECRET, InstantSource.fixed(NOW.minusSeconds(60)));
        String token = past.connectionToken("u", Duration.ofSeconds(60), null, List.of());
        TokenRejectedException e = (TokenRejectedException) org.assertj.core.api.Assertions
                .catchThrowable(() -> hmacVerifier.verifyConnection(token));
        assertThat(e.reason()).isEqualTo(Reason.EXPIRED);
        assertThat(e.isExpired()).isTrue();
        TokenVerifier secondEarlier = new TokenVerifier(TokenConfig.hmac(SECRET), InstantSource.fixed(NOW.minusSeconds(1)));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> secondEarlier.verifyConnection(token))).isNull();
    }

    @Test
    void rejectsNotYetValidToken() {
        var claims = new JWTClaimsSet.Builder().subject("u").notBeforeTime(Date.from(NOW.plusSeconds(1))).build();
        assertThat(rejection(() -> hmacVerifier.verifyConnection(hs256.sign(claims)))).isEqualTo(Reason.NOT_YET_VALID);
    }

    @Test
    void checksAudienceAndIssuerWhenConfigured() throws Exception {
        TokenVerifier strict = new TokenVerifier(TokenConfig.hmac(SECRET).withAudience("weft").withIssuer("auth.example"), CLOCK);
        var ok = new JWTClaimsSet.Builder().subject("u").audience(List.of("other", "weft")).issuer("auth.example").build();
        assertThat(strict.verifyConnection(hs256.sign(ok)).user()).isEqualTo("u");
        var noAud = new JWTClaimsSet.Builder().subject("u").issuer("auth.example").build();
        assertThat(rejection(() -> strict.verifyConnection(hs256.sign(noAud)))).isEqualTo(Reason.WRONG_AUDIENCE);
        var wrongIss = new JWTClaimsSet.Builder().subject("u").audience("weft").issuer("evil").build();
        assertThat(rejection(() -> strict.verifyConnection(hs256.sign(wrongIss)))).isEqualTo(Reason.WRONG_ISSUER);
    }

    @Test
    void rejectsClaimsOfTheWrongType() {
        var channelsNotList = new JWTClaimsSet.Builder().subject("u").claim("channels", "news").build();
        assertThat(rejection(() -> hmacVerifier.verifyConnection(hs256.sign(channelsNotList)))).isEqualTo(Reason.BAD_CLAIM);
        var subNotString = new JWTClaimsSet.Builder().claim("sub", 42).build();
        assertThat(rejection(() -> hmacVerifier.verifyConnection(hs256.sign(subNotString)))).isEqualTo(Reason.BAD_CLAIM);
        var expNotNumber = new JWTClaimsSet.Builder().subject("u").claim("exp", "tomorrow").build();
        assertThat(rejection(() -> hmacVerifier.verifyConnection(hs256.sign(expNotNumber)))).isIn(Reason.BAD_CLAIM, Reason.MALFORMED);
    }

    @Test
    void rejectsSubscriptionTokenUsedToConnectAndViceVersa() {
        String subToken = hs256.subscriptionToken("u", "$c", Duration.ZERO, null);
        assertThat(rejection(() -> hmacVerifier.verifyConnection(subToken))).isEqualTo(Reason.WRONG_TOKEN_KIND);
        String connToken = hs256.connectionToken("u", Duration.ZERO, null, List.of());
        assertThat(rejection(() -> hmacVerifier.verifySubscription(connToken))).isEqualTo(Reason.WRONG_TOKEN_KIND);
    }

    @Test
    void rejectsShortHmacSecretInConfig() {
        assertThatThrownBy(() -> TokenConfig.hmac(new byte[16])).hasMessageContaining("at least 32 bytes");
    }
}
