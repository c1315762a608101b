package dev.weft.io;

import dev.weft.io.buffer.Buffer;
import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Echoes everything a stream receives until end of stream, then closes it; completes with the
 * bytes echoed. A hand-written state machine: one buffer in hand at most, no allocation per
 * message. Abort-safe: a cleanup releases the buffer in hand and closes the stream.
 */
final class EchoConnection implements Future<Long> {
    private final TcpStream stream;
    private final AtomicLong echoedTotal;
    /** The received buffer being written back, or null. */
    private Buffer inHand;
    private long echoed;
    private boolean started;

    EchoConnection(TcpStream stream, AtomicLong echoedTotal) {
        this.stream = stream;
        this.echoedTotal = echoedTotal;
    }

    @Override
    public Poll<Long> poll(Context cx) {
        if (!started) {
            started = true;
            cx.registerCleanup(this::cleanUp);
        }
        try {
            while (true) {
                if (inHand != null) {
                    if (stream.tryWrite(cx, inHand) == TcpStream.PENDING) {
                        return Poll.pending();
                    }
                    if (inHand.readableBytes() > 0) {
                        continue;
                    }
                    inHand.release();
                    inHand = null;
                }
                Buffer b = stream.tryRead(cx);
                if (b == null) {
                    if (stream.isEndOfStream()) {
                        stream.close();
                        return Poll.ready(echoed);
                    }
                    return Poll.pending();
                }
                echoed += b.readableBytes();
                echoedTotal.addAndGet(b.readableBytes());
                inHand = b;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
