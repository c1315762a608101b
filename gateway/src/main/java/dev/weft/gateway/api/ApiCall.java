package dev.weft.gateway.api;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * One decoded command, ready to run. Decoding and running are separate so that a batch
 * with a malformed command is rejected whole before any of its commands has an effect.
 */
@FunctionalInterface
interface ApiCall {
    /** Runs the command; the result writes its {@code result} object. */
    Result run() throws ApiException;

    /** Writes one JSON object: the command's result. */
    @FunctionalInterface
    interface Result {
        Result EMPTY = g -> {
            g.writeStartObject();
            g.writeEndObject();
        };

        void write(JsonGenerator g) throws IOException;
    }
}
