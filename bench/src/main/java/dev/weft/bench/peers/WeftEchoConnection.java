package dev.weft.bench.peers;

import dev.weft.io.TcpStream;
import dev.weft.io.buffer.Buffer;
import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;

import java.io.IOException;

/**
 * Echoes everything one connection receives until end of stream or an error, then closes it.
 * A hand-written state machine holding at most one buffer: each received buffer is written
 * back as is and released, so a message costs no allocation. Abort-safe: a cleanup releases
 * the buffer in hand and closes the stream.
 */
final class WeftEchoConnection implements Future<Void> {

    private final TcpStream stream;
    /** The received buffer being written back, or null. Only the connection's task. */
    private Buffer inHand;
    /** Whether the cleanup is registered. Only the connection's task. */
    private boolean started;

    WeftEchoConnection(TcpStream stream) {
        this.stream = stream;
    }

    @Override
    public Poll<Void> poll(Context cx) {
        if (!started) {
            started = true;
            cx.registerCleanup(this::cleanUp);
        }
        try {
            while (true) {
                if (inHand != null) {
                    if (stream.pollWrite(cx, inHand) instanceof Poll.Pending) {
                        return Poll.pending();
                    }
                    if (inHand.readableBytes() > 0) {
                        continue;
                    }
                    inHand.release();
                    inHand = null;
                }
                if (!(stream.pollRead(cx) instanceof Poll.Ready<Buffer> ready)) {
                    return Poll.pending();
                }
                if (ready.value() == null) {
                    stream.close();
                    return Poll.readyVoid();
                }
                inHand = ready.value();
            }
        } catch (IOException e) {
            // A reset peer is normal under load; the connection is over either way (cleanup closes it).
            return Poll.readyVoid();
        }
    }

    private void cleanUp() {
        if (inHand != null) {
            inHand.release();
            inHand = null;
        }
        stream.close();
    }
}
