package dev.weft.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {

    final Router<String> router = Router.<String>builder()
            .get("/health", "health")
            .post("/api/{method}", "api")
            .get("/channels/{channel}/history", "history")
            .route("DELETE", "/channels/{channel}/history", "clear")
            .get("/static/*", "static")
            .build();

    @Test
    void exactPathMatches() {
        assertThat(router.route("GET", "/health")).isEqualTo(new Router.Found<>("health", Map.of()));
    }

    @Test
    void paramIsBoundPercentDecoded() {
        assertThat(router.route("POST", "/api/publish")).isEqualTo(new Router.Found<>("api", Map.of("method", "publish")));
        assertThat(router.route("GET", "/channels/chat%2Fa%20b+c/history"))
                .as("%2F stays inside the segment; + is literal in a path")
                .isEqualTo(new Router.Found<>("history", Map.of("channel", "chat/a b+c")));
    }

    @Test
    void prefixBindsTheRest() {
        assertThat(router.route("GET", "/static/css/site.css"))
                .isEqualTo(new Router.Found<>("static", Map.of("*", "css/site.css")));
        assertThat(router.route("GET", "/static/")).isEqualTo(new Router.Found<>("static", Map.of("*", "")));
    }

    @Test
    void unknownPathIs404() {
        assertThat(router.route("GET", "/nope")).isInstanceOf(Router.NotFound.class);
        assertThat(router.route("GET", "/api/a/b")).isInstanceOf(Router.NotFound.class);
        assertThat(router.route("POST", "/api/")).as("empty param segment").isInstanceOf(Router.NotFound.class);
        assertThat(router.route("GET", "*")).isInstanceOf(Router.NotFound.class);
    }

    @Test
    void wrongMethodIs405WithAllow() {
        Router.Match<String> m = router.route("PUT", "/channels/c/history");
        assertThat(m).isInstanceOf(Router.MethodNotAllowed.class);
        assertThat(((Router.MethodNotAllowed<String>) m).allowHeader()).isEqualTo("GET, HEAD, DELETE");
        assertThat(((Router.MethodNotAllowed<String>) router.route("GET", "/api/x")).allowHeader()).isEqualTo("POST");
    }

    @Test
    void headFallsBackToGet() {
        assertThat(router.route("HEAD", "/health")).isEqualTo(new Router.Found<>("health", Map.of()));
    }

    @Test
    void malformedPercentEncodingIs400() {
        assertThatThrownBy(() -> router.route("GET", "/channels/%zz/history"))
                .isInstanceOfSatisfying(HttpParseException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.reason()).isEqualTo("malformed percent-encoding in path");
                });
    }

    @Test
    void badPatternsAreRefusedAtBuildTime() {
        assertThatThrownBy(() -> Router.builder().get("no-slash", "x")).hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> Router.builder().get("/a/*/b", "x")).hasMessageContaining("last segment");
        assertThatThrownBy(() -> Router.builder().route("G T", "/", "x")).hasMessageContaining("token");
    }

    @Test
    void queryStringIsParsedAndDecoded() {
        assertThat(PercentDecoding.parseQuery("a=1&b=x%20y+z&a=2&flag&&e=%E2%82%AC&empty="))
                .containsExactly(Map.entry("a", List.of("1", "2")), Map.entry("b", List.of("x y z")),
                        Map.entry("flag", List.of("")), Map.entry("e", List.of("\u20ac")),
                        Map.entry("empty", List.of("")));
        assertThat(PercentDecoding.parseQuery("")).isEmpty();
        assertThatThrownBy(() -> PercentDecoding.parseQuery("a=%4"))
                .isInstanceOfSatisfying(HttpParseException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
