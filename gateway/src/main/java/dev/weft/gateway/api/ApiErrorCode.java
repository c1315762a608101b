package dev.weft.gateway.api;

/**
 * The errors a server API command can answer with, numbered and worded as Centrifugo's
 * ({@code internal/apiproto/errors.go}); a separate set from the client protocol's
 * {@code ErrorCode}, which words 104 differently and has codes the API never sends.
 */
enum ApiErrorCode {
    INTERNAL(100, "internal server error"),
    UNKNOWN_CHANNEL(102, "unknown channel"),
    NOT_FOUND(104, "not found"),
    BAD_REQUEST(107, "bad request"),
    NOT_AVAILABLE(108, "not available"),
    UNRECOVERABLE_POSITION(112, "unrecoverable position");

    private final int code;
    private final String message;

    ApiErrorCode(int code, String message) {
        this.code = code;
        this.message = message;
    }

    int code() {
        return code;
    }

    String message() {
        return message;
    }
}
