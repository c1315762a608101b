package dev.weft.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.gateway.auth.TokenIssuer;
import dev.weft.gateway.demo.DemoPage;
import dev.weft.io.IoBackend;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo page's HTTP side: the page, its scripts and the token it connects with, and no
 * demo at all unless the server is given one.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DemoPageTest {
    private static final Pattern TOKEN = Pattern.compile("\\{\"token\":\"([A-Za-z0-9_.-]+)\"}");

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void closeHttp() {
        http.close();
    }

    static GatewayFixture withDemo(BufferPoolSource leaks) {
        DemoPage demo = new DemoPage(TokenIssuer.hs256(GatewayFixture.SECRET, InstantSource.system()), Duration.ofMinutes(10));
        return new GatewayFixture(IoBackend.IO_URING, leaks.newPool(), Duration.ofSeconds(25), demo);
    }

    /** Where the fixture's pool comes from (the test's LeakCheck). */
    interface BufferPoolSource {
        dev.weft.io.buffer.BufferPool newPool();
    }

    @Test
    void servesThePageItsScriptsAndTheCentrifugeClient() throws Exception {
        try (GatewayFixture gw = withDemo(leaks::newPool)) {
            HttpResponse<String> page = get(gw, "/demo");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                    csp -> assertThat(csp).contains("default-src 'self'").contains("connect-src 'self'"));
            assertThat(page.body()).contains("<script src=\"demo/centrifuge.js\"></script>")
                    .contains("<script src=\"demo/demo.js\"></script>");

            HttpResponse<String> app = get(gw, "/demo/demo.js");
            assertThat(app.statusCode()).isEqualTo(200);
            assertThat(app.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
            assertThat(app.body()).contains("newSubscription(channel)").contains("/connection/websocket");

            HttpResponse<String> centrifuge = get(gw, "/demo/centrifuge.js");
            assertThat(centrifuge.statusCode()).isEqualTo(200);
            assertThat(centrifuge.body()).startsWith("/*!").contains("The MIT License (MIT)")
                    .contains("Copyright (c) 2023 Centrifugal Labs LTD").contains("globalThis.Centrifuge=");
        }
    }

    @Test
    void tokenConnectsAsAFreshDemoUser() throws Exception {
        try (GatewayFixture gw = withDemo(leaks::newPool)) {
            HttpResponse<String> first = get(gw, "/demo/token");
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-store");
            String token = token(first.body());
            assertThat(token).isNotEqualTo(token(get(gw, "/demo/token").body()));
            try (JdkClient c = new JdkClient(http, gw.websocket())) {
                c.send("{\"id\":1,\"connect\":{\"token\":\"" + token + "\"}}");
                // expires: the client refreshes through demo/token; ttl at most 10 minutes.
                assertThat(c.next()).startsWith("{\"id\":1,\"connect\":{\"client\":\"").contains("\"expires\":true")
                        .containsPattern("\"ttl\":(600|599|598)[,}]");
                c.send("{\"id\":2,\"publish\":{\"channel\":\"demo\",\"data\":{\"text\":\"x\"}}}");
                assertThat(c.next()).isEqualTo("{\"id\":2,\"publish\":{}}");
            }
        }
    }

    @Test
    void noDemoUnlessTheServerIsGivenOne() throws Exception {
        try (GatewayFixture gw = new GatewayFixture(IoBackend.EPOLL, leaks.newPool())) {
            for (String path : new String[] {"/demo", "/demo/token", "/demo/centrifuge.js", "/demo/demo.js"}) {
                assertThat(get(gw, path).statusCode()).as(path).isEqualTo(404);
            }
        }
    }

    private static String token(String body) {
        Matcher m = TOKEN.matcher(body);
        assertThat(m.matches()).as("token body: %s", body).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> get(GatewayFixture gw, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(gw.http(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
