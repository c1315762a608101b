package dev.weft.gateway.config;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** PEM public keys ({@code -----BEGIN PUBLIC KEY-----}, X.509 SubjectPublicKeyInfo) for token checks. */
final class PublicKeys {
    private PublicKeys() {
    }

    static RSAPublicKey rsa(String pem) {
        return (RSAPublicKey) parse(pem, "RSA");
    }

    static ECPublicKey ec(String pem) {
        return (ECPublicKey) parse(pem, "EC");
    }

    /** @throws IllegalArgumentException saying why the text is not such a key */
    private static PublicKey parse(String pem, String algorithm) {
        String s = pem.strip();
        if (!s.startsWith("-----BEGIN PUBLIC KEY-----") || !s.endsWith("-----END PUBLIC KEY-----")) {
            throw new IllegalArgumentException("not a PEM public key (expected -----BEGIN PUBLIC KEY----- ... -----END PUBLIC KEY-----)");
        }
        String body = s.substring("-----BEGIN PUBLIC KEY-----".length(), s.length() - "-----END PUBLIC KEY-----".length())
                .replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM body is not base64: " + e.getMessage());
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("PEM does not hold an " + algorithm + " public key");
        }
    }
}
