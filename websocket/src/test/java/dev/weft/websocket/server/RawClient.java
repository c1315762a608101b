package dev.weft.websocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a blocking socket that writes exactly the bytes a test asks for (any
 * bits, lengths, masks) and reads frames back as they are on the wire: the peer of the
 * conformance tests.
 */
final class RawClient implements AutoCloseable {

    /** A frame as received. */
    record Frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The close code, or -1 for an empty close body. */
        int closeCode() {
            assertThat(opcode).as("a close frame").isEqualTo(0x8);
            return payload.length == 0 ? -1 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }
    }

    final Socket socket;
    final OutputStream out;
    final DataInputStream in;
    /** The handshake answer's head. */
    String responseHead;

    RawClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    /** Connects and completes a handshake with {@code extraFields} (CRLF-terminated lines); asserts 101. */
    static RawClient open(int port, String extraFields) throws IOException {
        RawClient c = new RawClient(port);
        String head = c.handshake("/", extraFields);
        assertThat(head).startsWith("HTTP/1.1 101 ");
        return c;
    }

    /** Sends an upgrade request and returns the answer's head (up to the empty line). */
    String handshake(String path, String extraFields) throws IOException {
        String req = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + extraFields + "\r\n";
        return request(req);
    }

    /** Sends {@code raw} and reads the answer's head. */
    String request(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("closed before the end of the answer head: " + head);
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        responseHead = head.toString(StandardCharsets.ISO_8859_1);
        return responseHead;
    }

    /** A masked frame with the given first-byte bits and payload. */
    void send(int firstByte, byte[] payload) throws IOException {
        out.write(frame(firstByte, payload, true));
        out.flush();
    }

    void sendText(String s) throws IOException {
        send(0x81, s.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] frame(int firstByte, byte[] payload, boolean masked) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(firstByte);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length <= 125) {
            f.write(maskBit | payload.length);
        } else if (payload.length <= 0xffff) {
            f.write(maskBit | 126);
            f.write(payload.length >>> 8);
            f.write(payload.length);
        } else {
            f.write(maskBit | 127);
            for (int i = 7; i >= 0; i--) {
                f.write((int) ((long) payload.length >>> (8 * i)));
            }
        }
        byte[] key = new byte[4];
        ThreadLocalRandom.current().nextBytes(key);
        if (masked) {
            f.write(key, 0, 4);
        }
        for (int i = 0; i < payload.length; i++) {
            f.write(masked ? payload[i] ^ key[i & 3] : payload[i]);
        }
        return f.toByteArray();
    }

    /** The next frame as sent by the server. */
    Frame read() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long len = b1 & 0x7f;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        byte[] key = null;
        if ((b1 & 0x80) != 0) {
            key = new byte[4];
            in.readFully(key);
        }
        byte[] payload = new byte[(int) len];
        in.readFully(payload);
        if (key != null) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= key[i & 3];
            }
        }
        return new Frame((b0 & 0x80) != 0, (b0 >>> 4) & 0x7, b0 & 0xf, key != null, payload);
    }

    /** Asserts the next frame is a close with {@code code}, then that the server ends the stream. */
    void expectCloseThenEnd(int code) throws IOException {
        Frame f = read();
        assertThat(f.opcode()).as("opcode of %s", f).isEqualTo(0x8);
        assertThat(f.closeCode()).as("close code; reason '%s'",
                f.payload().length > 2 ? new String(f.payload(), 2, f.payload().length - 2, StandardCharsets.UTF_8)
                        : "").isEqualTo(code);
        expectEnd();
    }

    /** Asserts the server ends the stream (after our close, if any) within the read timeout. */
    void expectEnd() throws IOException {
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("server did not end the stream", e);
        } catch (IOException e) {
            // a reset after the close frame also ends the stream
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
