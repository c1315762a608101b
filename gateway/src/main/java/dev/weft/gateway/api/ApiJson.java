package dev.weft.gateway.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.weft.gateway.protocol.ClientInfo;
import dev.weft.gateway.protocol.Publication;
import dev.weft.gateway.protocol.RawJson;
import java.io.IOException;
import java.util.Map;

/**
 * How the server API writes shared shapes, with the field names of Centrifugo's
 * {@code api.proto}: errors, client info, publications. Payloads are embedded as raw JSON.
 */
final class ApiJson {
    private ApiJson() {}

    static void writeError(JsonGenerator g, ApiErrorCode code) throws IOException {
        g.writeStartObject();
        g.writeNumberField("code", code.code());
        g.writeStringField("message", code.message());
        g.writeEndObject();
    }

    static void writeClientInfo(JsonGenerator g, ClientInfo info) throws IOException {
        g.writeStartObject();
        g.writeStringField("user", info.user());
        g.writeStringField("client", info.client());
        writeRawIfPresent(g, "conn_info", info.connInfo());
        writeRawIfPresent(g, "chan_info", info.chanInfo());
        g.writeEndObject();
    }

    static void writePublication(JsonGenerator g, Publication p) throws IOException {
        g.writeStartObject();
        writeRawIfPresent(g, "data", p.data());
        if (p.info() != null) {
            g.writeFieldName("info");
            writeClientInfo(g, p.info());
        }
        if (p.offset() != 0) {
            g.writeNumberField("offset", p.offset());
        }
        if (!p.tags().isEmpty()) {
            g.writeFieldName("tags");
            g.writeStartObject();
            for (Map.Entry<String, String> e : p.tags().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    static void writeRawIfPresent(JsonGenerator g, String name, RawJson value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            g.writeRawValue(value.toString());
        }
    }
}
