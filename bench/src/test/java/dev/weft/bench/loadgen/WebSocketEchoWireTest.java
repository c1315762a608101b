package dev.weft.bench.loadgen;

import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The generator's WebSocket wire fed bytes directly: handshake checks, masking, echo frames cut anywhere. */
class WebSocketEchoWireTest {

    private final BufferPool pool = new BufferPool();

    @AfterEach
    void noBufferLeft() {
        assertThat(pool.stats().outstandingBuffers()).as("buffers not released").isZero();
        pool.close();
    }

    @Test
    void acceptKeyMatchesTheRfcExample() {
        // RFC 6455 section 1.3
        assertThat(WebSocketEchoWire.expectedAccept("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void acceptsA101WithTheRightAcceptKeyEvenInPieces() throws IOException {
        WebSocketEchoWire wire = new WebSocketEchoWire(64, "127.0.0.1:1", "/");
        String reply = accepted(wire);
        assertThat(feed(wire, reply.substring(0, 20))).as("half a reply").isFalse();
        assertThat(feed(wire, reply.substring(20))).as("the rest").isTrue();
    }

    @Test
    void rejectsAWrongAcceptKeyARefusalAndAnExtension() {
        assertThatThrownBy(() -> feed(new WebSocketEchoWire(64, "h", "/"),
                "HTTP/1.1 101 Switching Protocols\r\nSec-WebSocket-Accept: bogus\r\n\r\n"))
                .hasMessageContaining("wrong Sec-WebSocket-Accept: bogus");
        assertThatThrownBy(() -> feed(new WebSocketEchoWire(64, "h", "/"), "HTTP/1.1 404 Not Found\r\n\r\n"))
                .hasMessage("upgrade refused: HTTP/1.1 404 Not Found");
        WebSocketEchoWire wire = new WebSocketEchoWire(64, "h", "/");
        assertThatThrownBy(() -> feed(wire, accepted(wire).replace("\r\n\r\n",
                "\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n")))
                .hasMessageContaining("extension not offered");
    }

    @Test
    void requestOffersNoExtensionAndTheMessageIsAMaskedBinaryFrame() throws IOException {
        WebSocketEchoWire wire = new WebSocketEchoWire(200, "127.0.0.1:9", "/");
        String request = new String(wire.handshakeRequest(), StandardCharsets.US_ASCII);
        assertThat(request).startsWith("GET / HTTP/1.1\r\n").contains("Host: 127.0.0.1:9\r\n",
                "Upgrade: websocket\r\n", "Sec-WebSocket-Version: 13\r\n").doesNotContainIgnoringCase("extensions");
        Buffer out = pool.allocate(wire.messageWireBytes());
        wire.writeMessage(out);
        byte[] frame = out.readBytes((int) out.readableBytes());
        out.release();
        assertThat(frame).hasSize(4 + 4 + 200);
        assertThat(frame[0] & 0xFF).as("FIN + binary").isEqualTo(0x82);
        assertThat(frame[1] & 0xFF).as("mask bit + 16-bit length").isEqualTo(0x80 | 126);
        assertThat(((frame[2] & 0xFF) << 8) | (frame[3] & 0xFF)).isEqualTo(200);
        for (int i = 0; i < 200; i++) {
            assertThat((byte) (frame[8 + i] ^ frame[4 + (i & 3)])).as("unmasked byte %d", i).isEqualTo((byte) ('a' + i % 26));
        }
    }

    @Test
    void echoFramesOfEachHeaderSizeCompleteOnlyAtTheirLastByteWhereverSplit() throws IOException {
        for (int size : new int[] {1, 125, 126, 65535, 65536}) {
            byte[] echo = serverFrame(size);
            for (int cut : new int[] {1, 2, 3, echo.length - 1}) {
                if (cut >= echo.length) {
                    continue;
                }
                WebSocketEchoWire wire = new WebSocketEchoWire(size, "h", "/");
                wire.expectEcho();
                assertThat(readEcho(wire, Arrays.copyOfRange(echo, 0, cut))).as("size %d cut %d first part", size, cut).isFalse();
                assertThat(readEcho(wire, Arrays.copyOfRange(echo, cut, echo.length))).as("size %d cut %d", size, cut).isTrue();
                wire.expectEcho();
                assertThat(readEcho(wire, echo)).as("size %d second echo whole", size).isTrue();
            }
        }
    }

    @Test
    void anythingButTheEchoFrameIsAnError() {
        WebSocketEchoWire wire = new WebSocketEchoWire(64, "h", "/");
        wire.expectEcho();
        assertThatThrownBy(() -> readEcho(wire, new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xE8})) // close 1000
                .hasMessageContaining("first byte 0x88 (opcode 8)");
        wire.expectEcho();
        assertThatThrownBy(() -> readEcho(wire, new byte[] {(byte) 0x82, 5}))
                .hasMessage("echo frame has 5 payload bytes, sent 64");
        wire.expectEcho();
        assertThatThrownBy(() -> readEcho(wire, new byte[] {(byte) 0x82, (byte) 0xC0}))
                .hasMessage("server frame is masked");
        wire.expectEcho();
        byte[] twice = Arrays.copyOf(serverFrame(64), 66 + 2);
        twice[66] = (byte) 0x89; // a ping after the echo
        assertThatThrownBy(() -> readEcho(wire, twice)).hasMessage("2 bytes after the echo frame");
    }

    /** What a server sends back: FIN + binary, unmasked, the right length encoding. */
    private static byte[] serverFrame(int size) {
        int header = WebSocketEchoWire.headerBytes(size);
        byte[] f = new byte[header + size];
        f[0] = (byte) 0x82;
        if (header == 2) {
            f[1] = (byte) size;
        } else if (header == 4) {
            f[1] = 126;
            f[2] = (byte) (size >>> 8);
            f[3] = (byte) size;
        } else {
            f[1] = 127;
            for (int i = 0; i < 8; i++) {
                f[2 + i] = (byte) ((long) size >>> (56 - 8 * i));
            }
        }
        return f;
    }

    private String accepted(WebSocketEchoWire wire) {
        String request = new String(wire.handshakeRequest(), StandardCharsets.US_ASCII);
        String key = request.lines().filter(l -> l.startsWith("Sec-WebSocket-Key: ")).findFirst().orElseThrow()
                .substring("Sec-WebSocket-Key: ".length());
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + WebSocketEchoWire.expectedAccept(key) + "\r\n\r\n";
    }

    private boolean feed(WebSocketEchoWire wire, String replyPart) throws IOException {
        Buffer b = bytes(replyPart.getBytes(StandardCharsets.ISO_8859_1));
        try {
            return wire.readHandshake(b);
        } finally {
            b.release();
        }
    }

    private boolean readEcho(WebSocketEchoWire wire, byte[] data) throws IOException {
        Buffer b = bytes(data);
        try {
            return wire.readEcho(b);
        } finally {
            b.release();
        }
    }

    private Buffer bytes(byte[] data) {
        return pool.allocate(Math.max(1, data.length)).writeBytes(data);
    }
}
