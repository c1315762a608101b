package dev.weft.bench.peers;

import dev.weft.bench.proc.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class WebSocketEchoServerTest {

    @ParameterizedTest
    @EnumSource(Transport.class)
    void echoesTextAndBinaryUnchangedOnEachTransport(Transport transport) throws Exception {
        Peer.assumeAvailable(transport);
        try (ServerProcess server = Peer.start(NettyWebSocketEchoServer.class, transport)) {
            List<Long> cpu = new ArrayList<>();
            cpu.add(server.cpuNanos());
            try (WsClient client = WsClient.connect(server.port(), "/any/path?x=1")) {
                exchangeAndCheck(client);
                cpu.add(server.cpuNanos());
                fragmentedMessageComesBackWhole(client);
                cpu.add(server.cpuNanos());
            }
            assertThat(upgradeResponse(server.port()))
                    .as("no compression unless --compression")
                    .startsWith("HTTP/1.1 101")
                    .doesNotContainIgnoringCase("permessage-deflate");
            Peer.assertReadingsSane(server, cpu);
            Peer.assertStopsOnSigterm(server);
        }
    }

    @Test
    void compressionFlagNegotiatesPermessageDeflateAndStillEchoes() throws Exception {
        try (ServerProcess server = Peer.start(NettyWebSocketEchoServer.class, Transport.NIO, "--compression")) {
            assertThat(upgradeResponse(server.port()))
                    .startsWith("HTTP/1.1 101")
                    .containsIgnoringCase("sec-websocket-extensions: permessage-deflate");
            // The JDK client offers no extension, so this connection runs uncompressed.
            try (WsClient client = WsClient.connect(server.port(), "/")) {
                exchangeAndCheck(client);
            }
            Peer.assertStopsOnSigterm(server);
        }
    }

    private static void exchangeAndCheck(WsClient client) throws InterruptedException {
        Random random = new Random(42);
        for (int i = 0; i < 100; i++) {
            String text = randomText(random, 1 + random.nextInt(i < 90 ? 200 : 100_000));
            client.sendText(text);
            assertThat(client.next(10)).as("text echo %d", i).isEqualTo(text);

            byte[] binary = new byte[random.nextInt(i < 90 ? 300 : 200_000)];
            random.nextBytes(binary);
            client.sendBinary(binary);
            assertThat(client.next(10)).as("binary echo %d", i).isEqualTo(binary);
        }
        client.sendText("");
        assertThat(client.next(10)).as("empty text").isEqualTo("");
    }

    /** A text frame then a continuation frame: both echoed, so the client sees one message. */
    private static void fragmentedMessageComesBackWhole(WsClient client) throws InterruptedException {
        client.socket().sendText("héllo, ", false).join();
        client.socket().sendText("wörld", true).join();

        assertThat(client.next(10)).isEqualTo("héllo, wörld");
    }

    /** Text with multi-byte UTF-8 (2, 3 and 4 bytes) mixed in. */
    private static String randomText(Random random, int codePoints) {
        int[] alphabet = {'a', 'z', ' ', 'é', 'ß', '€', '中', 0x1F600};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < codePoints; i++) {
            text.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
        }
        return text.toString();
    }

    /** The server's response head to an upgrade request that offers permessage-deflate. */
    private static String upgradeResponse(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            String request = "GET /chat HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\n"
                    + "Upgrade: websocket\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
                    + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            return head.toString(StandardCharsets.US_ASCII);
        }
    }
}
