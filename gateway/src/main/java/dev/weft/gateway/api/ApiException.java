package dev.weft.gateway.api;


/** A server API command failed with one of Centrifugo's API error codes; sent as {@code {"error": {...}}}. */
final class ApiException extends Exception {
    private final ApiErrorCode code;

    ApiException(ApiErrorCode code) {
        super(code.code() + ": " + code.message(), null, false, false);
        this.code = code;
    }

    ApiErrorCode code() {
        return code;
    }
}
