package dev.weft.gateway.api;

/**
 * The request body cannot be decoded: not JSON, not an object, or a field of the wrong
 * type. Answered with HTTP 400 before any command runs, as Centrifugo does when it cannot
 * unmarshal a request.
 */
final class MalformedRequestException extends Exception {
    MalformedRequestException(String message) {
        super(message, null, false, false);
    }
}
