package dev.weft.gateway.api;

import com.fasterxml.jackson.core.JsonGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code batch}: {@code {"commands": [{"publish": {...}}, {"presence": {...}}, ...],
 * "parallel": false}} answered with {@code {"replies": [{"publish": {...}}, {"error": {...}},
 * ...]}} in command order (at the top level, not under {@code result}, as in Centrifugo).
 * Every command is decoded before any runs, so a malformed one rejects the whole batch
 * (HTTP 400); a command naming no known method gets error 104 in its reply. Commands run
 * one after another, {@code parallel} or not: the in-memory broker has no I/O to overlap,
 * and the replies are the same either way.
 */
final class BatchMethod {
    private record Decoded(String method, ApiCall call) {}

    private final Map<String, ApiMethod> methods;
    private final System.Logger log = System.getLogger(BatchMethod.class.getName());

    /** {@code methods}: every method a command may name (batch itself is not one). */
    BatchMethod(Map<String, ApiMethod> methods) {
        this.methods = Map.copyOf(methods);
    }

    /** Decodes the batch; the returned result writes the whole response body. */
    ApiCall decode(ApiParams params) throws MalformedRequestException {
        params.bool("parallel");
        List<Decoded> decoded = new ArrayList<>();
        for (ApiParams command : params.objects("commands")) {
            String name = command.firstFieldName();
            ApiMethod method = name == null ? null : methods.get(name);
            if (method == null) {
                decoded.add(new Decoded("", () -> {
                    throw new ApiException(ApiErrorCode.NOT_FOUND);
                }));
                continue;
            }
            ApiParams inner = command.object(name);
            decoded.add(new Decoded(name, method.decode(inner != null ? inner : command.empty())));
        }
        return () -> {
            List<ApiCall.Result> replies = new ArrayList<>(decoded.size());
            for (Decoded d : decoded) {
                replies.add(reply(d));
            }
            return g -> {
                g.writeStartObject();
                g.writeArrayFieldStart("replies");
                for (ApiCall.Result r : replies) {
                    r.write(g);
                }
                g.writeEndArray();
                g.writeEndObject();
            };
        };
    }

    private ApiCall.Result reply(Decoded d) {
        try {
            ApiCall.Result result = d.call().run();
            return g -> {
                g.writeStartObject();
                g.writeFieldName(d.method());
                result.write(g);
                g.writeEndObject();
            };
        } catch (ApiException e) {
            return error(e.code());
        } catch (RuntimeException e) {
            log.log(System.Logger.Level.ERROR, "server API batch command " + d.method() + " failed", e);
            return error(ApiErrorCode.INTERNAL);
        }
    }

    private static ApiCall.Result error(ApiErrorCode code) {
        return (JsonGenerator g) -> {
            g.writeStartObject();
            g.writeFieldName("error");
            ApiJson.writeError(g, code);
            g.writeEndObject();
        };
    }
}
