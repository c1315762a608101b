package dev.weft.gateway.server;

import dev.weft.gateway.auth.TokenConfig;
import dev.weft.gateway.auth.TokenIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./weft token}: prints a connection token ({@code --user U [--channel C ...] [--ttl 1h]})
 * or, with {@code --sub}, a subscription token for one private channel ({@code --user U
 * --channel C}), HS256-signed with {@code --secret} or {@code WEFT_TOKEN_HMAC_SECRET} (the
 * secret a running gateway uses; it prints the one it generated).
 */
public final class TokenMain {
    private TokenMain() {}

    public static void main(String[] args) {
        try {
            System.out.println(run(args, System.getenv()));
        } catch (IllegalArgumentException e) {
            System.err.println("weft token: " + e.getMessage());
            System.exit(2);
        }
    }

    /** The token {@code args} ask for; IllegalArgumentException with the reason otherwise. */
    static String run(String[] args, Map<String, String> env) {
        String user = null;
        String secret = env.get("WEFT_TOKEN_HMAC_SECRET");
        List<String> channels = new ArrayList<>();
        Duration ttl = Duration.ofHours(1);
        boolean subscription = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--user" -> user = value(args, ++i, "--user");
                case "--channel" -> channels.add(value(args, ++i, "--channel"));
                case "--ttl" -> ttl = duration(value(args, ++i, "--ttl"));
                case "--secret" -> secret = value(args, ++i, "--secret");
                case "--sub" -> subscription = true;
                default -> throw new IllegalArgumentException("unknown option '" + args[i]
                        + "'; usage: --user U [--channel C ...] [--ttl 1h] [--sub] [--secret S]");
            }
        }
        if (user == null) {
            throw new IllegalArgumentException("--user is required");
        }
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("no secret: set WEFT_TOKEN_HMAC_SECRET (a gateway "
                    + "started without it prints the one it generated) or pass --secret");
        }
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < TokenConfig.MIN_HMAC_SECRET_BYTES) {
            throw new IllegalArgumentException("the secret must be at least "
                    + TokenConfig.MIN_HMAC_SECRET_BYTES + " bytes for HS256, was " + key.length);
        }
        TokenIssuer issuer = TokenIssuer.hs256(key, InstantSource.system());
        if (subscription) {
            if (channels.size() != 1) {
                throw new IllegalArgumentException("--sub needs exactly one --channel, got " + channels.size());
            }
            return issuer.subscriptionToken(user, channels.get(0), ttl, null);
        }
        return issuer.connectionToken(user, ttl, null, channels);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** {@code 90s}, {@code 30m}, {@code 1h}, {@code 7d}, or an ISO-8601 duration; 0 = no expiry. */
    static Duration duration(String text) {
        try {
            if (text.equals("0")) {
                return Duration.ZERO;
            }
            char unit = text.charAt(text.length() - 1);
            long n = Long.parseLong(text.substring(0, text.length() - 1));
            return switch (unit) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> Duration.parse(text);
            };
        } catch (RuntimeException e) {
            try {
                return Duration.parse(text);
            } catch (RuntimeException e2) {
                throw new IllegalArgumentException("--ttl: not a duration: '" + text + "' (use 90s, 30m, 1h, 7d)");
            }
        }
    }
}
