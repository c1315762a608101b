package dev.weft.gateway.api;

import dev.weft.gateway.protocol.RawJson;
import java.util.Base64;

/**
 * A payload given as JSON ({@code data}, {@code info}) or as base64 ({@code b64data},
 * {@code b64info}). The JSON client protocol carries only JSON payloads, so the decoded
 * bytes must be one JSON value.
 */
final class Base64Payload {
    private Base64Payload() {}

    /** The base64 payload if set, else {@code json}; null when neither is. Error 107 for bad base64 or non-JSON. */
    static RawJson resolve(RawJson json, String base64) throws ApiException {
        if (base64.isEmpty()) {
            return json;
        }
        try {
            return RawJson.of(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw new ApiException(ApiErrorCode.BAD_REQUEST);
        }
    }
}
