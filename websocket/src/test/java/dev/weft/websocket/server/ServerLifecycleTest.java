package dev.weft.websocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.http.Response;
import dev.weft.http.Router;
import dev.weft.http.HttpHandler;
import dev.weft.io.IoBackend;
import dev.weft.io.buffer.Buffer;
import dev.weft.websocket.LeakCheck;
import dev.weft.websocket.session.Messages;
import dev.weft.websocket.session.WebSocketHandler;
import dev.weft.websocket.session.WebSocketOptions;
import dev.weft.websocket.session.WebSocketSession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The server's handshake answers (101, 400, 403, 404, 426), plain HTTP beside WebSocket, and
 * the connection lifecycle: server-initiated close, handler failure, idle timeout, keepalive
 * pings and the close timeout.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServerLifecycleTest {

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    private static final IoBackend BACKEND = IoBackend.EPOLL;

    private EchoFixture echo(java.util.function.UnaryOperator<WebSocketServer.Builder> config) {
        var pool = leaks.newPool();
        return new EchoFixture(BACKEND, pool, config.apply(WebSocketServer.builder(pool).handler(EchoServerMain.ECHO)
                .errors(e -> { })).build());
    }

    @Test
    void liveWebSocketsCountsFromTheUpgradeUntilTheSocketIsClosed() throws Exception {
        var pool = leaks.newPool();
        WebSocketServer server = WebSocketServer.builder(pool).handler(EchoServerMain.ECHO).errors(e -> { }).build();
        try (EchoFixture f = new EchoFixture(BACKEND, pool, server)) {
            try (RawClient plain = new RawClient(f.port)) {
                assertThat(plain.request("GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 404 ");
                assertThat(server.liveWebSockets()).as("plain HTTP is not counted").isZero();
            }
            RawClient a = new RawClient(f.port);
            RawClient b = new RawClient(f.port);
            assertThat(a.handshake("/", "")).startsWith("HTTP/1.1 101 ");
            assertThat(b.handshake("/", "")).startsWith("HTTP/1.1 101 ");
            awaitLive(server, 2);
            a.close();
            awaitLive(server, 1);
            b.close();
            awaitLive(server, 0);
        }
    }

    private static void awaitLive(WebSocketServer server, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.liveWebSockets() != expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(server.liveWebSockets()).isEqualTo(expected);
    }

    @Test
    void wrongVersionGets426NamingVersion13() throws Exception {
        try (EchoFixture f = echo(b -> b); RawClient c = new RawClient(f.port)) {
            String head = c.request("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n");
            assertThat(head).startsWith("HTTP/1.1 426 ").contains("Sec-WebSocket-Version: 13\r\n");
        }
    }

    @Test
    void badKeyGets400() throws Exception {
        try (EchoFixture f = echo(b -> b); RawClient c = new RawClient(f.port)) {
            String head = c.request("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: short\r\nSec-WebSocket-Version: 13\r\n\r\n");
            assertThat(head).startsWith("HTTP/1.1 400 ");
        }
    }

    @Test
    void answersTheRfcSampleAcceptKey() throws Exception {
        try (EchoFixture f = echo(b -> b); RawClient c = new RawClient(f.port)) {
            String head = c.handshake("/", "");
            assertThat(head).startsWith("HTTP/1.1 101 ")
                    .contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n") // RFC 6455 §1.3
                    .doesNotContain("Sec-WebSocket-Extensions"); // deflate not configured
        }
    }

    @Test
    void deniedOriginGets403() throws Exception {
        try (EchoFixture f = echo(b -> b.originPolicy(OriginPolicy.only(Set.of("https://good.example"))))) {
            try (RawClient c = new RawClient(f.port)) {
                assertThat(c.handshake("/", "Origin: https://evil.example\r\n")).startsWith("HTTP/1.1 403 ");
            }
            try (RawClient c = new RawClient(f.port)) {
                assertThat(c.handshake("/", "Origin: https://good.example\r\n")).startsWith("HTTP/1.1 101 ");
            }
        }
    }

    @Test
    void unknownPathGets404AndPlainHttpGoesToTheRouter() throws Exception {
        HttpHandler health = exchange -> Response.text(200, "ok\n");
        try (EchoFixture f = echo(b -> b.handlers(p -> p.equals("/ws") ? EchoServerMain.ECHO : null)
                .http(Router.<HttpHandler>builder().get("/health", health).build()))) {
            try (RawClient c = new RawClient(f.port)) {
                assertThat(c.handshake("/other", "")).startsWith("HTTP/1.1 404 ");
            }
            try (RawClient c = new RawClient(f.port)) {
                assertThat(c.request("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 200 ");
                assertThat(new String(c.in.readNBytes(3), StandardCharsets.US_ASCII)).isEqualTo("ok\n");
                assertThat(c.request("GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 404 ");
            }
        }
    }

    @Test
    void clientThatNeverSendsARequestIsDisconnected() throws Exception {
        try (EchoFixture f = echo(b -> b.httpPhaseTimeout(Duration.ofMillis(200))); RawClient c = new RawClient(f.port)) {
            c.out.write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII)); // never finished
            c.expectEnd();
        }
    }

    @Test
    void choosesSubprotocolInClientsOrder() throws Exception {
        try (EchoFixture f = echo(b -> b.options(WebSocketOptions.defaults().withSubprotocols(List.of("a", "b"))));
             RawClient c = new RawClient(f.port)) {
            assertThat(c.handshake("/", "Sec-WebSocket-Protocol: c, b, a\r\n"))
                    .contains("Sec-WebSocket-Protocol: b\r\n");
        }
    }

    @Test
    void serverInitiatedCloseWaitsForTheAnswerThenEnds() throws Exception {
        CompletableFuture<String> closed = new CompletableFuture<>();
        WebSocketHandler h = new WebSocketHandler() {
            @Override
            public void onText(WebSocketSession s, Buffer utf8) {
                s.close(4000, "done: " + Messages.text(utf8));
            }

            @Override
            public void onClose(WebSocketSession s, int code, String reason) {
                closed.complete(code + " " + reason);
            }
        };
        try (EchoFixture f = echo(b -> b.handler(h)); RawClient c = RawClient.open(f.port, "")) {
            c.sendText("x");
            RawClient.Frame close = c.read();
            assertThat(close.closeCode()).isEqualTo(4000);
            assertThat(new String(close.payload(), 2, close.payload().length - 2, StandardCharsets.UTF_8))
                    .isEqualTo("done: x");
            c.send(0x88, new byte[] {0x0f, (byte) 0xa0});
            c.expectEnd();
            assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo("4000 done: x");
        }
    }

    @Test
    void handlerFailureClosesWith1011() throws Exception {
        WebSocketHandler h = new WebSocketHandler() {
            @Override
            public void onText(WebSocketSession s, Buffer utf8) {
                throw new IllegalStateException("handler bug");
            }
        };
        try (EchoFixture f = echo(b -> b.handler(h)); RawClient c = RawClient.open(f.port, "")) {
            c.sendText("boom");
            RawClient.Frame close = c.read();
            assertThat(close.closeCode()).isEqualTo(1011);
            c.send(0x88, new byte[] {0x03, (byte) 0xf3});
            c.expectEnd();
        }
    }

    @Test
    void idleConnectionIsClosedWith1001() throws Exception {
        try (EchoFixture f = echo(b -> b.options(WebSocketOptions.defaults().withIdleTimeout(Duration.ofMillis(200))));
             RawClient c = RawClient.open(f.port, "")) {
            long start = System.nanoTime();
            RawClient.Frame close = c.read();
            assertThat(close.closeCode()).isEqualTo(1001);
            assertThat(System.nanoTime() - start).as("not before the timeout")
                    .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(150));
        }
    }

    @Test
    void sendsKeepalivePingsWhenQuiet() throws Exception {
        try (EchoFixture f = echo(b -> b.options(WebSocketOptions.defaults().withPingInterval(Duration.ofMillis(100))));
             RawClient c = RawClient.open(f.port, "")) {
            for (int i = 0; i < 3; i++) {
                RawClient.Frame ping = c.read();
                assertThat(ping.opcode()).isEqualTo(0x9);
                c.send(0x8a, ping.payload());
            }
        }
    }

    @Test
    void peerThatNeverAnswersCloseIsDroppedAfterTheCloseTimeout() throws Exception {
        WebSocketHandler h = new WebSocketHandler() {
            @Override
            public void onOpen(WebSocketSession s) {
                s.close(1000, "");
            }
        };
        try (EchoFixture f = echo(b -> b.handler(h).options(WebSocketOptions.defaults()
                .withCloseTimeout(Duration.ofMillis(300))));
             RawClient c = RawClient.open(f.port, "")) {
            assertThat(c.read().closeCode()).isEqualTo(1000);
            c.expectEnd(); // no answer from us: the server gives up and closes
        }
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void abruptDisconnectReports1006AndFreesEverything(IoBackend backend) throws Exception {
        CompletableFuture<Integer> code = new CompletableFuture<>();
        WebSocketHandler h = new WebSocketHandler() {
            @Override
            public void onClose(WebSocketSession s, int c, String reason) {
                code.complete(c);
            }
        };
        var pool = leaks.newPool();
        try (EchoFixture f = new EchoFixture(backend, pool, WebSocketServer.builder(pool).handler(h).build())) {
            RawClient c = RawClient.open(f.port, "");
            c.send(0x01, new byte[1000]); // half a message held by the server
            c.close();
            assertThat(code.get(10, TimeUnit.SECONDS)).isEqualTo(1006);
        }
    }
}
