package dev.weft.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class Http1ConnectionTest {

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();
    final BufferPool pool = leaks.newPool();
    final List<RuntimeException> handlerErrors = new ArrayList<>();
    final Router<HttpHandler> router = Router.<HttpHandler>builder()
            .get("/hello/{name}", ex -> Response.text(200, "hi " + ex.pathParam("name")))
            .get("/q", ex -> Response.text(200, ex.queryParam("a") + "," + ex.queryParam("b")))
            .post("/echo", ex -> Response.text(200, ex.bodyAsString()))
            .get("/boom", ex -> {
                throw new IllegalStateException("handler bug");
            })
            .build();
    final Http1Connection connection = new Http1Connection(pool, HttpLimits.defaults().withMaxBodyBytes(64), router,
            new ResponseWriter(null), handlerErrors::add);
    final List<Buffer> buffers = new ArrayList<>();

    @AfterEach
    void release() {
        connection.close();
        buffers.forEach(Buffer::release);
    }

    @Test
    void anUpgradeTheOwnerDoesNotTakeIsAnsweredAsAPlainRequest() {
        try (Http1Connection websocketOnly = new Http1Connection(pool, HttpLimits.defaults(), router,
                new ResponseWriter(null), handlerErrors::add, r -> r.isUpgradeTo("websocket"))) {
            Buffer h2c = input("GET /hello/h2c HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                    + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAoAAAAAIAAAAA\r\n\r\n");
            Buffer out = output(4096);
            assertThat(websocketOnly.onRead(h2c, out)).isEqualTo(ConnectionOutcome.ReadMore.INSTANCE);
            assertThat(text(out)).isEqualTo(ok("hi h2c"));
            Buffer ws = input("GET /hello/ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\n"
                    + "Upgrade: websocket\r\n\r\n");
            ConnectionOutcome outcome = websocketOnly.onRead(ws, output(4096));
            assertThat(outcome).isInstanceOf(ConnectionOutcome.Upgrade.class);
            ((ConnectionOutcome.Upgrade) outcome).request().close();
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() {
        Buffer in = input("GET /hello/a HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nbo\r\n2\r\ndy\r\n0\r\n\r\n"
                + "GET /hello/c HTTP/1.1\r\nHost: x\r\n\r\n");
        Buffer out = output(4096);
        assertThat(connection.onRead(in, out)).isEqualTo(ConnectionOutcome.ReadMore.INSTANCE);
        assertThat(text(out)).isEqualTo(ok("hi a") + ok("body") + ok("hi c"));
    }

    @Test
    void responsesThatDoNotFitWaitInOrder() {
        Buffer in = input("GET /hello/first HTTP/1.1\r\nHost: x\r\n\r\nGET /hello/second HTTP/1.1\r\nHost: x\r\n\r\n");
        StringBuilder sent = new StringBuilder();
        Buffer out = output(50);
        ConnectionOutcome outcome;
        int calls = 0;
        do {
            outcome = connection.onRead(in, out);
            sent.append(text(out));
            out.clear();
            calls++;
        } while (outcome == ConnectionOutcome.Flush.INSTANCE && calls < 100);
        assertThat(outcome).isEqualTo(ConnectionOutcome.ReadMore.INSTANCE);
        assertThat(sent.toString()).isEqualTo(ok("hi first") + ok("hi second"));
        assertThat(calls).as("flushes of a 50-byte output").isGreaterThan(2);
    }

    @Test
    void connectionCloseIsHonoured() {
        Buffer in = input("GET /hello/a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\nGET /hello/b HTTP/1.1\r\nHost: x\r\n\r\n");
        Buffer out = output(4096);
        assertThat(connection.onRead(in, out)).isEqualTo(ConnectionOutcome.Close.INSTANCE);
        assertThat(text(out)).isEqualTo("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: 4\r\nConnection: close\r\n\r\nhi a");
    }

    @Test
    void http10ClosesUnlessKeepAliveIsAsked() {
        Buffer out = output(4096);
        assertThat(connection.onRead(input("GET /hello/a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"), out))
                .isEqualTo(ConnectionOutcome.ReadMore.INSTANCE);
        assertThat(text(out)).contains("Connection: keep-alive\r\n");
        assertThat(connection.onRead(input("GET /hello/b HTTP/1.0\r\n\r\n"), out))
                .isEqualTo(ConnectionOutcome.Close.INSTANCE);
        assertThat(text(out)).contains("Connection: close\r\n");
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405WithAllow() {
        Buffer out = output(4096);
        connection.onRead(input("GET /nothing HTTP/1.1\r\nHost: x\r\n\r\nDELETE /echo HTTP/1.1\r\nHost: x\r\n\r\n"), out);
        String sent = text(out);
        assertThat(sent).startsWith("HTTP/1.1 404 Not Found\r\n");
        assertThat(sent).contains("HTTP/1.1 405 Method Not Allowed\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Allow: POST\r\n");
    }

    @Test
    void queryParametersArePercentDecoded() {
        Buffer out = output(4096);
        connection.onRead(input("GET /q?a=x%20y&b=1+2 HTTP/1.1\r\nHost: x\r\n\r\n"), out);
        assertThat(text(out)).isEqualTo(ok("x y,1 2"));
    }

    @Test
    void headGetsTheGetHeadersWithoutBody() {
        Buffer out = output(4096);
        connection.onRead(input("HEAD /hello/a HTTP/1.1\r\nHost: x\r\n\r\n"), out);
        assertThat(text(out)).isEqualTo(ok("hi a").replace("hi a", ""));
    }

    @Test
    void handlerExceptionIs500AndCloses() {
        Buffer out = output(4096);
        assertThat(connection.onRead(input("GET /boom HTTP/1.1\r\nHost: x\r\n\r\n"), out))
                .isEqualTo(ConnectionOutcome.Close.INSTANCE);
        assertThat(text(out)).startsWith("HTTP/1.1 500 Internal Server Error\r\n").endsWith("internal error\n")
                .doesNotContain("handler bug");
        assertThat(handlerErrors).extracting(Throwable::getMessage).containsExactly("handler bug");
    }

    @Test
    void rejectedRequestIsAnsweredAfterEarlierResponsesAndCloses() {
        Buffer out = output(4096);
        assertThat(connection.onRead(input("GET /hello/a HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 65\r\n\r\n"), out))
                .isEqualTo(ConnectionOutcome.Close.INSTANCE);
        assertThat(text(out)).isEqualTo(ok("hi a") + "HTTP/1.1 413 Content Too Large\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 26\r\nConnection: close\r\n\r\n"
                + "body larger than 64 bytes\n");
        assertThat(connection.onRead(input("GET /hello/b HTTP/1.1\r\nHost: x\r\n\r\n"), out))
                .as("nothing more is read after a rejection").isEqualTo(ConnectionOutcome.Close.INSTANCE);
    }

    @Test
    void expectContinueGetsAnInterimResponseBeforeTheBody() {
        Buffer out = output(4096);
        Buffer in = pool.allocate(256);
        buffers.add(in);
        in.writeBytes("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(connection.onRead(in, out)).isEqualTo(ConnectionOutcome.ReadMore.INSTANCE);
        assertThat(text(out)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
        in.writeBytes("ok".getBytes(StandardCharsets.US_ASCII));
        connection.onRead(in, out);
        assertThat(text(out)).isEqualTo(ok("ok"));
    }

    @Test
    void upgradeHandsOverTheRequestAndTheBytesAfterIt() {
        Buffer in = input("GET /hello/a HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /chat HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\nFRAME");
        Buffer out = output(4096);
        ConnectionOutcome outcome = connection.onRead(in, out);
        assertThat(outcome).isInstanceOf(ConnectionOutcome.Upgrade.class);
        try (HttpRequest request = ((ConnectionOutcome.Upgrade) outcome).request()) {
            assertThat(request.isUpgradeTo("websocket")).isTrue();
            assertThat(request.rawPath()).isEqualTo("/chat");
        }
        assertThat(text(out)).as("earlier response already out").isEqualTo(ok("hi a"));
        assertThat(text(in)).isEqualTo("FRAME");
    }

    private static String ok(String body) {
        return "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body;
    }

    private Buffer input(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        Buffer in = pool.allocate(b.length);
        buffers.add(in);
        return in.writeBytes(b);
    }

    private Buffer output(int capacity) {
        Buffer out = pool.allocate(capacity);
        buffers.add(out);
        return out;
    }

    private static String text(Buffer b) {
        return new String(b.readBytes((int) b.readableBytes()), StandardCharsets.ISO_8859_1);
    }
}
