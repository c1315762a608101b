package dev.weft.gateway.auth;

/** A token that does not grant access, with the reason (logged, never sent to clients). */
public final class TokenRejectedException extends Exception {
    /** Why a token was rejected. Only {@link #EXPIRED} lets a client retry with a fresh token. */
    public enum Reason {
        MALFORMED,
        UNSIGNED,
        UNSUPPORTED_ALGORITHM,
        NO_KEY_FOR_ALGORITHM,
        BAD_SIGNATURE,
        EXPIRED,
        NOT_YET_VALID,
        WRONG_AUDIENCE,
        WRONG_ISSUER,
        BAD_CLAIM,
        WRONG_TOKEN_KIND
    }

    private final Reason reason;

    public TokenRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Expired tokens get error 109 (the client fetches a new one); all others are invalid. */
    public boolean isExpired() {
        return reason == Reason.EXPIRED;
    }
}
