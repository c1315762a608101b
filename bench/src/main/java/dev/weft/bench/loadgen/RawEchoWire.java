package dev.weft.bench.loadgen;

import dev.weft.io.buffer.Buffer;

import java.io.IOException;

/** Raw TCP echo: the message is {@code messageBytes} letters, the echo is complete when as many came back. */
final class RawEchoWire implements EchoWire {

    private static final byte[] NO_HANDSHAKE = new byte[0];

    private final int messageBytes;
    private long received;

    RawEchoWire(int messageBytes) {
        this.messageBytes = messageBytes;
    }

    @Override
    public byte[] handshakeRequest() {
        return NO_HANDSHAKE;
    }

    @Override
    public boolean readHandshake(Buffer in) {
        return true;
    }

    @Override
    public int messageWireBytes() {
        return messageBytes;
    }

    @Override
    public void writeMessage(Buffer out) {
        for (int i = 0; i < messageBytes; i++) {
            out.writeByte((byte) ('a' + i % 26));
        }
    }

    @Override
    public void expectEcho() {
        received = 0;
    }

    @Override
    public boolean readEcho(Buffer in) throws IOException {
        received += in.readableBytes();
        if (received > messageBytes) {
            throw new IOException("echo longer than the message: " + received + " > " + messageBytes + " bytes");
        }
        return received == messageBytes;
    }
}
