package dev.weft.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.weft.gateway.protocol.RawJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of one request object, read by type. A missing field or JSON {@code null}
 * reads as the zero value (empty string, 0, false, empty list), as proto3 JSON does; a
 * field of another type is a {@link MalformedRequestException} naming it. Unknown fields
 * are ignored.
 */
final class ApiParams {
    private final ObjectMapper json;
    private final JsonNode object;

    ApiParams(ObjectMapper json, JsonNode object) {
        this.json = json;
        this.object = object;
    }

    private JsonNode field(String name) {
        JsonNode v = object.get(name);
        return v == null || v.isNull() ? null : v;
    }

    String string(String name) throws MalformedRequestException {
        JsonNode v = field(name);
        if (v == null) {
            return "";
        }
        if (!v.isTextual()) {
            throw wrongType(name, "a string");
        }
        return v.textValue();
    }

    boolean bool(String name) throws MalformedRequestException {
        JsonNode v = field(name);
        if (v == null) {
            return false;
        }
        if (!v.isBoolean()) {
            throw wrongType(name, "true or false");
        }
        return v.booleanValue();
    }

    long integer(String name) throws MalformedRequestException {
        JsonNode v = field(name);
        if (v == null) {
            return 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw wrongType(name, "an integer");
        }
        return v.longValue();
    }

    int int32(String name) throws MalformedRequestException {
        long v = integer(name);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw wrongType(name, "a 32-bit integer");
        }
        return (int) v;
    }

    /** Any JSON value, as raw JSON; null when absent. */
    RawJson raw(String name) throws MalformedRequestException {
        JsonNode v = field(name);
        if (v == null) {
            return null;
        }
        try {
            return RawJson.of(json.writeValueAsBytes(v));
        } catch (JsonProcessingException e) {
            throw new MalformedRequestException("field \"" + name + "\" cannot be re-encoded");
        }
    }

    List<String> strings(String name) throws MalformedRequestException {
        JsonNode v = field(name);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw wrongType(name, "an array of strings");
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw wrongType(name, "an array of strings");
            }
            out.add(e.textValue());
        }
        return out;
    }

    Map<String, String> stringMap(String name) throws MalformedRequestException {
        JsonNode v = field(name);
        if (v == null) {
            return Map.of();
        }
        if (!v.isObject()) {
            throw wrongType(name, "an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            if (!e.getValue().isTextual()) {
                throw wrongType(name, "an object of strings");
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    /** A nested object; null when absent. */
    ApiParams object(String name) throws MalformedRequestException {
        JsonNode v = field(name);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw wrongType(name, "an object");
        }
        return new ApiParams(json, v);
    }

    /** The elements of an array of objects. */
    List<ApiParams> objects(String name) throws MalformedRequestException {
        JsonNode v = field(name);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw wrongType(name, "an array of objects");
        }
        List<ApiParams> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (!e.isObject()) {
                throw wrongType(name, "an array of objects");
            }
            out.add(new ApiParams(json, e));
        }
        return out;
    }

    /** An empty request object, for {@code {"info": null}} in a batch. */
    ApiParams empty() {
        return new ApiParams(json, JsonNodeFactory.instance.objectNode());
    }

    /** The first field's name, or null for an empty object; for batch commands ({@code {"publish": {...}}}). */
    String firstFieldName() {
        var names = object.fieldNames();
        return names.hasNext() ? names.next() : null;
    }

    private static MalformedRequestException wrongType(String name, String expected) {
        return new MalformedRequestException("field \"" + name + "\" must be " + expected);
    }
}
