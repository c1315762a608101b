package dev.weft.websocket.server;

import java.util.Set;

/**
 * Decides whether a browser page from an origin may open a WebSocket (RFC 6455 §10.2): the
 * server sees the page's {@code Origin} header and refuses with 403 what this policy denies.
 */
@FunctionalInterface
public interface OriginPolicy {

    /** @param origin the {@code Origin} header value, or null when absent (non-browser clients) */
    boolean allows(String origin);

    /** Any origin, and none. */
    static OriginPolicy any() {
        return origin -> true;
    }

    /** Only the listed origins (exact, e.g. {@code https://example.com}); requests without Origin pass. */
    static OriginPolicy only(Set<String> origins) {
        Set<String> copy = Set.copyOf(origins);
        return origin -> origin == null || copy.contains(origin);
    }
}
