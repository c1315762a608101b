package dev.weft.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.gateway.server.LeakCheck;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The API key, as Centrifugo takes it: {@code X-API-Key}, or {@code Authorization: apikey}; else 401. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ApiAuthTest {
    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    private static HttpResponse<String> info(ApiFixture gw, String header, String value) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(gw.api("info")).POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (header != null) {
            b.header(header, value);
        }
        return gw.send(b.build());
    }

    @Test
    void xApiKeyHeaderIsAccepted() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool())) {
            HttpResponse<String> r = info(gw, "X-API-Key", ApiFixture.API_KEY);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).startsWith("{\"result\":{\"nodes\":[{\"uid\":\"");
        }
    }

    @Test
    void authorizationApikeyHeaderIsAcceptedWhateverTheSchemeCase() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool())) {
            assertThat(info(gw, "Authorization", "apikey " + ApiFixture.API_KEY).statusCode()).isEqualTo(200);
            assertThat(info(gw, "Authorization", "ApiKey " + ApiFixture.API_KEY).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void missingKeyIs401WithEmptyBody() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool())) {
            HttpResponse<String> r = info(gw, null, null);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).isEmpty();
        }
    }

    @Test
    void wrongKeyIs401InEitherHeader() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool())) {
            assertThat(info(gw, "X-API-Key", "not-the-key").statusCode()).isEqualTo(401);
            assertThat(info(gw, "Authorization", "apikey not-the-key").statusCode()).isEqualTo(401);
            assertThat(info(gw, "Authorization", "Bearer " + ApiFixture.API_KEY).statusCode()).isEqualTo(401);
            assertThat(info(gw, "Authorization", "apikey").statusCode()).isEqualTo(401);
            assertThat(info(gw, "X-API-Key", ApiFixture.API_KEY + "x").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void unauthorizedRequestRunsNothing() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool())) {
            HttpResponse<String> r = gw.send(HttpRequest.newBuilder(gw.api("publish")).header("X-API-Key", "wrong")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"news\",\"data\":{}}")).build());
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(gw.result("history", "{\"channel\":\"news\"}").get("offset").longValue()).isZero();
            // Auth comes before the method lookup, as in Centrifugo: no probing for method names.
            HttpResponse<String> unknown = gw.send(HttpRequest.newBuilder(gw.api("nope"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            assertThat(unknown.statusCode()).isEqualTo(401);
        }
    }
}
