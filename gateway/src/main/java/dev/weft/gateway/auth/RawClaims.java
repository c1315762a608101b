package dev.weft.gateway.auth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.weft.gateway.protocol.RawJson;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads one top-level claim of a JWT payload as raw JSON text, so {@code info} reaches
 * clients exactly as the token issuer wrote it rather than re-serialized.
 */
final class RawClaims {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private RawClaims() {}

    /** The claim's JSON text, or null when absent or JSON null. */
    static RawJson read(byte[] payload, String claim) throws IOException {
        try (JsonParser p = JSON.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (!name.equals(claim)) {
                    p.skipChildren();
                    continue;
                }
                if (value == JsonToken.VALUE_NULL) {
                    return null;
                }
                int start = (int) p.currentTokenLocation().getByteOffset();
                if (value.isStructStart()) {
                    p.skipChildren();
                } else {
                    p.finishToken();
                }
                int end = (int) p.currentLocation().getByteOffset();
                return RawJson.of(Arrays.copyOfRange(payload, start, end));
            }
            return null;
        }
    }
}
