package dev.weft.http;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One request as a handler sees it: the parsed head, the route's path parameters and the whole
 * body. Valid only during {@link HttpHandler#handle}: the body is pooled memory, released after.
 */
public final class Exchange {

    private final HttpRequest request;
    private final Map<String, String> pathParams;
    private final MemorySegment body;
    /** Handler thread only; parsed on first use. */
    private Map<String, List<String>> query;

    Exchange(HttpRequest request, Map<String, String> pathParams, MemorySegment body) {
        this.request = request;
        this.pathParams = pathParams;
        this.body = body;
    }

    public HttpRequest request() {
        return request;
    }

    /** The {@code {name}} segments of the route, percent-decoded. */
    public String pathParam(String name) {
        return pathParams.get(name);
    }

    public Map<String, String> pathParams() {
        return pathParams;
    }

    /** The query parameters, percent-decoded; an {@link HttpParseException} (400) if malformed. */
    public Map<String, List<String>> query() {
        Map<String, List<String>> q = query;
        if (q == null) {
            q = PercentDecoding.parseQuery(request.rawQuery());
            query = q;
        }
        return q;
    }

    /** The first value of query parameter {@code name}, or null. */
    public String queryParam(String name) {
        List<String> values = query().get(name);
        return values == null ? null : values.get(0);
    }

    /** The body bytes; valid until the handler returns. */
    public MemorySegment body() {
        return body;
    }

    public String bodyAsString() {
        return new String(body.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
    }
}
