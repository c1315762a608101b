package dev.weft.bench.loadgen;

import dev.weft.io.buffer.Buffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * WebSocket echo (RFC 6455): an upgrade handshake, then each message is one masked binary frame
 * of {@code messageBytes} payload bytes and its echo one unmasked binary frame of the same
 * length. No extension is offered, so the server cannot compress.
 *
 * <p>The frame is built and masked once per connection and re-sent unchanged: its masking key
 * is random per connection, not per frame as RFC 6455 section 5.3 asks of a client. The rule
 * protects intermediaries' caches from a script choosing the bytes on the wire; here nothing
 * sits between generator and server, and masking on every send would put the generator's own
 * cost into what is measured. A server unmasks the same way whatever the key.
 *
 * <p>The echo's header (2, 4 or 10 bytes) is parsed byte by byte as reads bring it, so a frame
 * split anywhere across reads is read correctly; the payload is counted, not copied. Anything
 * but a final binary frame of the message's length (a close, a ping, a compressed or masked
 * frame) ends the connection as an error.
 */
final class WebSocketEchoWire implements EchoWire {

    /** RFC 6455 section 1.3: appended to the key before hashing. */
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final byte FIN_BINARY = (byte) 0x82;
    private static final int MASK_BIT = 0x80;
    private static final int LENGTH_16 = 126;
    private static final int LENGTH_64 = 127;
    /** A larger handshake reply is refused rather than buffered. */
    private static final int MAX_HANDSHAKE_REPLY_BYTES = 8192;

    private final int messageBytes;
    private final String host;
    private final String path;
    private final String key;
    private final byte[] maskKey = new byte[4];

    /** Handshake reply bytes so far. */
    private byte[] reply = new byte[512];
    private int replyLength;

    /** Echo parsing: header bytes so far, its full length once known (0 before), payload bytes still due. */
    private final byte[] header = new byte[10];
    private int headerRead;
    private int headerLength;
    private long payloadRemaining;
    private boolean inHeader;

    WebSocketEchoWire(int messageBytes, String host, String path) {
        this.messageBytes = messageBytes;
        this.host = host;
        this.path = path;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        this.key = Base64.getEncoder().encodeToString(nonce);
        random.nextBytes(maskKey);
    }

    @Override
    public byte[] handshakeRequest() {
        return ("GET " + path + " HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public boolean readHandshake(Buffer in) throws IOException {
        int n = (int) in.readableBytes();
        if (replyLength + n > MAX_HANDSHAKE_REPLY_BYTES) {
            throw new IOException("handshake reply longer than " + MAX_HANDSHAKE_REPLY_BYTES + " bytes");
        }
        if (replyLength + n > reply.length) {
            reply = java.util.Arrays.copyOf(reply, Math.max(reply.length * 2, replyLength + n));
        }
        for (int i = 0; i < n; i++) {
            reply[replyLength++] = in.getByte(in.readIndex() + i);
        }
        int end = endOfHeaders();
        if (end < 0) {
            return false;
        }
        if (end != replyLength) {
            throw new IOException("server sent " + (replyLength - end) + " bytes after its handshake reply, unasked");
        }
        checkReply(new String(reply, 0, end, StandardCharsets.ISO_8859_1));
        reply = null;
        return true;
    }

    /** Index just past the blank line ending the reply's headers, or -1 if not yet received. */
    private int endOfHeaders() {
        for (int i = 3; i < replyLength; i++) {
            if (reply[i] == '\n' && reply[i - 1] == '\r' && reply[i - 2] == '\n' && reply[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    private void checkReply(String text) throws IOException {
        String[] lines = text.split("\r\n");
        if (!lines[0].startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + lines[0]);
        }
        String accept = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("sec-websocket-accept")) {
                accept = value;
            } else if (name.equals("sec-websocket-extensions") && !value.isEmpty()) {
                throw new IOException("server agreed to an extension not offered: " + value);
            }
        }
        String expected = expectedAccept(key);
        if (!expected.equals(accept)) {
            throw new IOException("wrong Sec-WebSocket-Accept: " + accept + ", expected " + expected);
        }
    }

    /** RFC 6455 section 4.2.2: base64(SHA-1(key + GUID)). */
    static String expectedAccept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JDK", e);
        }
    }

    @Override
    public int messageWireBytes() {
        return headerBytes(messageBytes) + 4 + messageBytes;
    }

    /** Bytes of a frame header without mask key for a payload of {@code length} bytes. */
    static int headerBytes(long length) {
        return length < LENGTH_16 ? 2 : length <= 0xFFFF ? 4 : 10;
    }

    @Override
    public void writeMessage(Buffer out) {
        out.writeByte(FIN_BINARY);
        if (messageBytes < LENGTH_16) {
            out.writeByte((byte) (MASK_BIT | messageBytes));
        } else if (messageBytes <= 0xFFFF) {
            out.writeByte((byte) (MASK_BIT | LENGTH_16));
            out.writeByte((byte) (messageBytes >>> 8));
            out.writeByte((byte) messageBytes);
        } else {
            out.writeByte((byte) (MASK_BIT | LENGTH_64));
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.writeByte((byte) ((long) messageBytes >>> shift));
            }
        }
        out.writeBytes(maskKey);
        for (int i = 0; i < messageBytes; i++) {
            out.writeByte((byte) (('a' + i % 26) ^ maskKey[i & 3]));
        }
    }

    @Override
    public void expectEcho() {
        inHeader = true;
        headerRead = 0;
        headerLength = 0;
        payloadRemaining = 0;
    }

    @Override
    public boolean readEcho(Buffer in) throws IOException {
        long i = in.readIndex();
        long end = in.writeIndex();
        while (i < end) {
            if (inHeader) {
                header[headerRead++] = in.getByte(i++);
                if (headerRead == 2) {
                    headerLength = checkFirstTwo();
                }
                if (headerRead == headerLength) {
                    payloadRemaining = payloadLength();
                    inHeader = false;
                }
            } else {
                long n = Math.min(end - i, payloadRemaining);
                i += n;
                payloadRemaining -= n;
                if (payloadRemaining == 0) {
                    if (i != end) {
                        throw new IOException((end - i) + " bytes after the echo frame");
                    }
                    return true;
                }
            }
        }
        return false;
    }

    /** Checks the first two header bytes; returns the header's length. */
    private int checkFirstTwo() throws IOException {
        if (header[0] != FIN_BINARY) {
            throw new IOException(String.format(Locale.ROOT,
                    "expected a final binary frame (0x82), got first byte 0x%02x (opcode %d)", header[0] & 0xFF, header[0] & 0x0F));
        }
        if ((header[1] & MASK_BIT) != 0) {
            throw new IOException("server frame is masked");
        }
        int length7 = header[1] & 0x7F;
        return length7 < LENGTH_16 ? 2 : length7 == LENGTH_16 ? 4 : 10;
    }

    private long payloadLength() throws IOException {
        long length = header[1] & 0x7F;
        if (headerLength > 2) {
            length = 0;
            for (int b = 2; b < headerLength; b++) {
                length = (length << 8) | (header[b] & 0xFF);
            }
        }
        if (length != messageBytes) {
            throw new IOException("echo frame has " + length + " payload bytes, sent " + messageBytes);
        }
        return length;
    }
}
