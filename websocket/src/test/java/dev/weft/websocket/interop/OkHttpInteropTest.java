package dev.weft.websocket.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.io.IoBackend;
import dev.weft.websocket.LeakCheck;
import dev.weft.websocket.deflate.PerMessageDeflate;
import dev.weft.websocket.server.EchoFixture;
import dev.weft.websocket.server.EchoServerMainAccess;
import dev.weft.websocket.server.WebSocketServer;
import dev.weft.websocket.session.WebSocketOptions;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** OkHttp's WebSocket client (permessage-deflate on) against the Weft echo server. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OkHttpInteropTest {

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void okHttpClientTalksToWeftServer(IoBackend backend) throws Exception {
        var pool = leaks.newPool();
        WebSocketOptions options = WebSocketOptions.defaults().withDeflate(PerMessageDeflate.defaults());
        OkHttpClient client = new OkHttpClient();
        try (EchoFixture f = new EchoFixture(backend, pool,
                WebSocketServer.builder(pool).options(options).handler(EchoServerMainAccess.echo()).build())) {
            BlockingQueue<Object> events = new LinkedBlockingQueue<>();
            CompletableFuture<Response> opened = new CompletableFuture<>();
            CompletableFuture<Integer> closed = new CompletableFuture<>();
            WebSocket ws = client.newWebSocket(new Request.Builder().url("http://127.0.0.1:" + f.port + "/ok").build(),
                    new WebSocketListener() {
                        @Override
                        public void onOpen(WebSocket webSocket, Response response) {
                            opened.complete(response);
                        }

                        @Override
                        public void onMessage(WebSocket webSocket, String text) {
                            events.add(text);
                        }

                        @Override
                        public void onMessage(WebSocket webSocket, ByteString bytes) {
                            events.add(bytes.toByteArray());
                        }

                        @Override
                        public void onClosing(WebSocket webSocket, int code, String reason) {
                            closed.complete(code);
                            webSocket.close(code, null);
                        }

                        @Override
                        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                            opened.completeExceptionally(t);
                            closed.completeExceptionally(t);
                        }
                    });
            Response handshake = opened.get(10, TimeUnit.SECONDS);
            assertThat(handshake.header("Sec-WebSocket-Extensions")).startsWith("permessage-deflate");
            ws.send("hello okhttp");
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("hello okhttp");
            String big = "compressible ".repeat(50_000);
            ws.send(big);
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo(big);
            byte[] bytes = new byte[100_000];
            new Random(4).nextBytes(bytes);
            ws.send(ByteString.of(bytes));
            assertThat((byte[]) events.poll(10, TimeUnit.SECONDS)).isEqualTo(bytes);
            ws.close(4003, "bye");
            // the server echoes 4003; OkHttp reports the peer's close through onClosing
            assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo(4003);
        } finally {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }
}
