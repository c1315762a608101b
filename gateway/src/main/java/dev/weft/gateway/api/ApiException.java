package dev.weft.gateway.api;

import dev.weft.gateway.protocol.ErrorCode;

/** A server API command failed with one of Centrifugo's API error codes; sent as {@code {"error": {...}}}. */
final class ApiException extends Exception {
    private final ErrorCode code;

    ApiException(ErrorCode code) {
        super(code.code() + ": " + code.message(), null, false, false);
        this.code = code;
    }

    ErrorCode code() {
        return code;
    }
}
