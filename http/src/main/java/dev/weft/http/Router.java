package dev.weft.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Maps method and path to a handler of any type {@code H}. Patterns are split on {@code /}; a
 * segment is literal, {@code {name}} (one segment, bound as a parameter), or a final {@code *}
 * (the rest of the path, bound as {@code "*"}, possibly empty). Routes are tried in the order they
 * were added. Paths are percent-decoded per segment before matching, so {@code %2F} inside a
 * segment never splits it. {@code HEAD} falls back to a {@code GET} route.
 *
 * <p>Immutable once built; safe to share between threads.
 */
public final class Router<H> {

    private record Route<H>(String method, String[] segments, boolean isPrefix, H handler) {
    }

    /** What {@link #route} found. */
    public sealed interface Match<H> {
    }

    /** A route matched; {@code params} holds each {@code {name}} and, for a prefix route, {@code "*"}. */
    public record Found<H>(H handler, Map<String, String> params) implements Match<H> {
    }

    /** No route has this path: 404. */
    public record NotFound<H>() implements Match<H> {
    }

    /** Routes have this path but not this method: 405 with {@link #allowHeader()}. */
    public record MethodNotAllowed<H>(Set<String> allowed) implements Match<H> {
        /** The {@code Allow} field value (RFC 9110 §10.2.1). */
        public String allowHeader() {
            return String.join(", ", allowed);
        }
    }

    private final List<Route<H>> routes;

    private Router(List<Route<H>> routes) {
        this.routes = List.copyOf(routes);
    }

    public static <H> Builder<H> builder() {
        return new Builder<>();
    }

    /**
     * Finds the route for {@code method} and the raw (still percent-encoded) {@code rawPath}.
     * Throws {@link HttpParseException} (400) on malformed percent-encoding.
     */
    public Match<H> route(String method, String rawPath) {
        String[] segments = splitAndDecode(rawPath);
        Set<String> allowed = new LinkedHashSet<>();
        Found<H> headFallback = null;
        for (Route<H> r : routes) {
            Map<String, String> params = match(r, segments);
            if (params == null) {
                continue;
            }
            if (r.method().equals(method)) {
                return new Found<>(r.handler(), params);
            }
            if (method.equals("HEAD") && r.method().equals("GET") && headFallback == null) {
                headFallback = new Found<>(r.handler(), params);
            }
            allowed.add(r.method());
            if (r.method().equals("GET")) {
                allowed.add("HEAD");
            }
        }
        if (headFallback != null) {
            return headFallback;
        }
        return allowed.isEmpty() ? new NotFound<>() : new MethodNotAllowed<>(Collections.unmodifiableSet(allowed));
    }

    private static Map<String, String> match(Route<?> r, String[] path) {
        String[] pattern = r.segments();
        int fixed = r.isPrefix() ? pattern.length - 1 : pattern.length;
        if (r.isPrefix() ? path.length < fixed : path.length != fixed) {
            return null;
        }
        Map<String, String> params = Map.of();
        for (int i = 0; i < fixed; i++) {
            String p = pattern[i];
            if (isParam(p)) {
                if (path[i].isEmpty()) {
                    return null;
                }
                if (params.isEmpty()) {
                    params = new LinkedHashMap<>();
                }
                params.put(p.substring(1, p.length() - 1), path[i]);
            } else if (!p.equals(path[i])) {
                return null;
            }
        }
        if (r.isPrefix()) {
            if (params.isEmpty()) {
                params = new LinkedHashMap<>();
            }
            params.put("*", String.join("/", Arrays.copyOfRange(path, fixed, path.length)));
        }
        return params;
    }

    private static boolean isParam(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }

    /** "/a/b%20c/" -> ["a", "b c", ""]; the leading slash is required and dropped. */
    private static String[] splitAndDecode(String rawPath) {
        if (!rawPath.startsWith("/")) {
            return new String[] {"\0not-a-path"};
        }
        String[] parts = rawPath.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = PercentDecoding.decodePathSegment(parts[i]);
        }
        return parts;
    }

    /** Collects routes; {@link #build()} checks nothing is ambiguous in syntax. */
    public static final class Builder<H> {
        /** Builder's owner thread only. */
        private final List<Route<H>> routes = new ArrayList<>();

        public Builder<H> route(String method, String pattern, H handler) {
            if (method.isEmpty() || !method.chars().allMatch(c -> c < 0x80 && Ascii.isTchar((byte) c))) {
                throw new IllegalArgumentException("method must be a token, was '" + method + "'");
            }
            if (!pattern.startsWith("/")) {
                throw new IllegalArgumentException("pattern must start with '/', was '" + pattern + "'");
            }
            String[] segments = pattern.substring(1).split("/", -1);
            boolean prefix = segments[segments.length - 1].equals("*");
            for (int i = 0; i < segments.length; i++) {
                if (segments[i].equals("*") && i != segments.length - 1) {
                    throw new IllegalArgumentException("'*' only as the last segment, in '" + pattern + "'");
                }
            }
            routes.add(new Route<>(method, segments, prefix, Objects.requireNonNull(handler)));
            return this;
        }

        public Builder<H> get(String pattern, H handler) {
            return route("GET", pattern, handler);
        }

        public Builder<H> post(String pattern, H handler) {
            return route("POST", pattern, handler);
        }

        public Router<H> build() {
            return new Router<>(routes);
        }
    }
}
