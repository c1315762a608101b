package dev.weft.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.gateway.server.LeakCheck;
import dev.weft.http.HttpLimits;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the API does with requests it cannot run: malformed JSON, wrong field types and an
 * empty body are 400 (as Centrifugo's unmarshal failure), an unknown method 404, a GET 405,
 * a body over the HTTP limit 413; and batches.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ApiRequestTest {
    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    @Test
    void malformedJsonIs400AndSaysWhere() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool())) {
            HttpResponse<String> r = gw.post("publish", "{\"channel\":\"news\",");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).startsWith("bad request: malformed JSON at line 1 column ");
            assertThat(gw.post("publish", "{\"channel\":\"news\",\"data\":{}} trailing").statusCode()).isEqualTo(400);
            assertThat(gw.post("publish", "{\"channel\":\"a\",\"channel\":\"b\",\"data\":1}").statusCode())
                    .as("duplicate field").isEqualTo(400);
        }
    }

    @Test
    void bodyMustBeOneJsonObject() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool())) {
            HttpResponse<String> empty = gw.post("info", "");
            assertThat(empty.statusCode()).isEqualTo(400);
            assertThat(empty.body()).isEqualTo("bad request: empty body; send a JSON object\n");
            HttpResponse<String> array = gw.post("info", "[]");
            assertThat(array.statusCode()).isEqualTo(400);
            assertThat(array.body()).isEqualTo("bad request: the body must be a JSON object\n");
        }
    }

    @Test
    void wrongFieldTypeIs400NamingTheField() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool())) {
            assertThat(gw.post("publish", "{\"channel\":5,\"data\":{}}").body())
                    .isEqualTo("bad request: field \"channel\" must be a string\n");
            assertThat(gw.post("history", "{\"channel\":\"news\",\"limit\":\"10\"}").body())
                    .isEqualTo("bad request: field \"limit\" must be an integer\n");
            assertThat(gw.post("history", "{\"channel\":\"news\",\"limit\":1.5}").body())
                    .isEqualTo("bad request: field \"limit\" must be an integer\n");
            assertThat(gw.post("history", "{\"channel\":\"news\",\"reverse\":\"yes\"}").body())
                    .isEqualTo("bad request: field \"reverse\" must be true or false\n");
            assertThat(gw.post("broadcast", "{\"channels\":\"news\",\"data\":{}}").body())
                    .isEqualTo("bad request: field \"channels\" must be an array of strings\n");
            assertThat(gw.post("publish", "{\"channel\":\"news\",\"data\":{},\"tags\":{\"k\":1}}").body())
                    .isEqualTo("bad request: field \"tags\" must be an object of strings\n");
            assertThat(gw.post("history", "{\"channel\":\"news\",\"since\":3}").body())
                    .isEqualTo("bad request: field \"since\" must be an object\n");
            assertThat(gw.post("publish", "{\"channel\":\"news\",\"data\":{}}").statusCode()).isEqualTo(200);
            // Nothing ran for the rejected publish: one publication only.
            assertThat(gw.result("history", "{\"channel\":\"news\"}").get("offset").longValue()).isEqualTo(1);
        }
    }

    @Test
    void nullAndUnknownFieldsAreIgnored() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool())) {
            JsonNode r = gw.result("publish", "{\"channel\":\"news\",\"data\":{},\"tags\":null,\"future_field\":[1]}");
            assertThat(r.get("offset").longValue()).isEqualTo(1);
        }
    }

    @Test
    void unknownMethodIs404AndGetIs405() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool())) {
            HttpResponse<String> unknown = gw.post("rpc_everything", "{}");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).isEqualTo("unknown server API method\n");
            HttpResponse<String> get = gw.send(HttpRequest.newBuilder(gw.api("info"))
                    .header("X-API-Key", ApiFixture.API_KEY).GET().build());
            assertThat(get.statusCode()).isEqualTo(405);
            assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        }
    }

    @Test
    void bodyOverTheHttpLimitIs413BeforeAnyByteIsRead() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool());
             Socket s = new Socket(InetAddress.getLoopbackAddress(), gw.port)) {
            s.setSoTimeout(5_000);
            long tooBig = HttpLimits.DEFAULT_MAX_BODY_BYTES + 1;
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/publish HTTP/1.1\r\nHost: x\r\nX-API-Key: " + ApiFixture.API_KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + tooBig + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] head = in.readNBytes(12);
            assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 413");
        }
    }

    @Test
    void bodyJustUnderTheLimitIsServed() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool())) {
            String filler = "x".repeat((int) HttpLimits.DEFAULT_MAX_BODY_BYTES - 100);
            JsonNode r = gw.result("publish", "{\"channel\":\"big\",\"data\":\"" + filler + "\"}");
            assertThat(r.get("offset").longValue()).isEqualTo(1);
        }
    }

    @Test
    void batchRepliesInCommandOrder() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool())) {
            for (String parallel : new String[] {"false", "true"}) {
                String channel = "batch-" + parallel;
                JsonNode r = gw.call("batch", "{\"parallel\":" + parallel + ",\"commands\":["
                        + "{\"publish\":{\"channel\":\"" + channel + "\",\"data\":{\"n\":1}}},"
                        + "{\"publish\":{\"channel\":\"nope:x\",\"data\":{}}},"
                        + "{\"rpc\":{\"method\":\"x\"}},"
                        + "{\"info\":null},"
                        + "{\"history\":{\"channel\":\"" + channel + "\",\"limit\":-1}}]}");
                assertThat(r.has("result")).as("batch replies are top-level: %s", r).isFalse();
                JsonNode replies = r.get("replies");
                assertThat(replies).hasSize(5);
                assertThat(replies.get(0).get("publish").get("offset").longValue()).isEqualTo(1);
                assertThat(replies.get(1).toString()).isEqualTo("{\"error\":{\"code\":102,\"message\":\"unknown channel\"}}");
                assertThat(replies.get(2).toString()).isEqualTo("{\"error\":{\"code\":104,\"message\":\"not found\"}}");
                assertThat(replies.get(3).get("info").get("nodes")).hasSize(1);
                assertThat(replies.get(4).get("history").get("publications").get(0).get("data").toString())
                        .isEqualTo("{\"n\":1}");
            }
        }
    }

    @Test
    void batchWithAMalformedCommandRunsNone() throws Exception {
        try (ApiFixture gw = new ApiFixture(leaks.newPool())) {
            HttpResponse<String> r = gw.post("batch", "{\"commands\":["
                    + "{\"publish\":{\"channel\":\"news\",\"data\":{}}},"
                    + "{\"publish\":{\"channel\":[],\"data\":{}}}]}");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).isEqualTo("bad request: field \"channel\" must be a string\n");
            assertThat(gw.result("history", "{\"channel\":\"news\"}").get("offset").longValue()).isZero();
            assertThat(gw.call("batch", "{}").toString()).isEqualTo("{\"replies\":[]}");
        }
    }
}
