package dev.weft.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo page in a real headless Chromium against a real gateway: the page fetches a
 * token, connects with the centrifuge browser client and subscribes to {@code demo}; a
 * publication from another client appears in its list, and what is typed into its form
 * reaches that other client. Skipped without Chromium unless {@code -Dweft.requireChromium=true}.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DemoPageChromiumTest {
    /** Null-safe: the first evaluations may run before the page has loaded. */
    private static final String STATUS = "String(document.getElementById('status')?.textContent)";
    private static final String LIST = "document.getElementById('publications').innerText";

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void closeHttp() {
        http.close();
    }

    @Test
    void pageShowsPublicationsLiveAndPublishesWhatIsTyped() throws Exception {
        Path chromium = HeadlessChromium.binary();
        try (GatewayFixture gw = DemoPageTest.withDemo(leaks::newPool);
             JdkClient other = new JdkClient(http, gw.websocket());
             HeadlessChromium page = new HeadlessChromium(chromium, gw.http("/demo"))) {
            other.send("{\"id\":1,\"connect\":{\"token\":\"" + gw.token("other") + "\"}}");
            assertThat(other.next()).contains("\"connect\"");
            other.send("{\"id\":2,\"subscribe\":{\"channel\":\"demo\"}}");
            assertThat(other.next()).startsWith("{\"id\":2,\"subscribe\":");

            page.awaitText(STATUS, "subscribed"::equals, 30, "the page subscribed");
            assertThat(page.evaluate("document.getElementById('error').hidden").asBoolean())
                    .as("no error shown: %s", page.evaluate("document.getElementById('error').textContent")).isTrue();

            // A publication from another client shows up in the page's list.
            other.send("{\"id\":3,\"publish\":{\"channel\":\"demo\",\"data\":{\"text\":\"<b>from the test</b>\"}}}");
            // The reply and its own copy as a subscriber, in either order.
            assertThat(java.util.List.of(other.next(), other.next())).anyMatch("{\"id\":3,\"publish\":{}}"::equals)
                    .anyMatch(m -> m.contains("<b>from the test</b>"));
            String shown = page.awaitText(LIST, t -> t.contains("from the test"), 10, "the publication in the page");
            assertThat(shown).as("shown as text, never as HTML").contains("other<b>from the test</b>");
            assertThat(page.evaluate("document.querySelectorAll('#publications b').length").asInt()).isZero();

            // What is typed into the page reaches the other client, from a demo user.
            page.evaluate("document.getElementById('text').value = 'typed in chromium';"
                    + " document.getElementById('send').click(); true");
            String push = other.next();
            assertThat(push).startsWith("{\"push\":{\"channel\":\"demo\",\"pub\":{\"data\":{\"text\":\"typed in chromium\"}")
                    .containsPattern("\"user\":\"demo-[0-9a-f]{8}\"");
            page.awaitText(LIST, t -> t.contains("typed in chromium"), 10, "the page's own publication");
            page.awaitText("document.getElementById('text').value", String::isEmpty, 10, "the input cleared");
        }
    }
}
