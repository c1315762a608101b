package dev.weft.websocket;

import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import dev.weft.websocket.deflate.MessageInflater;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The receive pipeline as a connection runs it, for tests: wire bytes are cut into reads, each
 * read goes into its own pooled buffer (so headers and payloads straddle buffers), and
 * decoder + assembler run until they need more data or fail. Results become plain values.
 */
public final class Pipeline implements AutoCloseable {

    /** What the handler would see. */
    public sealed interface Event {
    }

    public record Text(String text) implements Event {
    }

    public record Binary(byte[] bytes) implements Event {
        @Override
        public String toString() {
            return "Binary[" + Bytes.toHex(bytes) + "]";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Binary b && java.util.Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }
    }

    public record Ping(String payload) implements Event {
    }

    public record Pong(String payload) implements Event {
    }

    public record Closed(int code, String reason) implements Event {
    }

    public record Failed(int code, String reason) implements Event {
    }

    private final BufferPool pool;
    private final FrameDecoder decoder;
    private final MessageAssembler assembler;
    private final List<Event> events = new ArrayList<>();

    public Pipeline(BufferPool pool, Role role, long maxFrameBytes, long maxMessageBytes, MessageInflater inflater) {
        this.pool = pool;
        this.decoder = new FrameDecoder(role, maxFrameBytes, inflater != null);
        this.assembler = new MessageAssembler(pool, maxMessageBytes, inflater);
    }

    public static Pipeline server(BufferPool pool) {
        return new Pipeline(pool, Role.SERVER, 1 << 20, 1 << 20, null);
    }

    public static Pipeline client(BufferPool pool) {
        return new Pipeline(pool, Role.CLIENT, 1 << 20, 1 << 20, null);
    }

    /** Feeds {@code wire} in reads of the given sizes (cycled; whole if none); returns all events so far. */
    public List<Event> feed(byte[] wire, int... readSizes) {
        int at = 0;
        int r = 0;
        while (at < wire.length && !isFailed()) {
            int n = readSizes.length == 0 ? wire.length : Math.max(1, readSizes[r++ % readSizes.length]);
            n = Math.min(n, wire.length - at);
            Buffer read = pool.allocate(n);
            read.writeBytes(java.util.Arrays.copyOfRange(wire, at, at + n));
            at += n;
            try {
                drain(read);
            } finally {
                read.release();
            }
        }
        return events;
    }

    public boolean isFailed() {
        return !events.isEmpty() && events.getLast() instanceof Failed;
    }

    private void drain(Buffer read) {
        while (true) {
            switch (decoder.decode(read)) {
                case Decoded.NeedMoreData n -> {
                    return;
                }
                case Violation v -> {
                    events.add(new Failed(v.closeCode(), v.reason()));
                    return;
                }
                case FrameChunk chunk -> {
                    if (!handle(assembler.accept(chunk)) || chunk.isSourceTaken()) {
                        return;
                    }
                }
            }
        }
    }

    private boolean handle(Assembled a) {
        switch (a) {
            case Assembled.Pending p -> {
            }
            case Assembled.Message m -> {
                byte[] bytes = Bytes.readable(m.payload());
                m.payload().release();
                events.add(m.isText() ? new Text(new String(bytes, StandardCharsets.UTF_8)) : new Binary(bytes));
            }
            case Assembled.Control c -> {
                String s = new String(c.payload(), StandardCharsets.ISO_8859_1);
                events.add(c.opcode() == FrameLayout.OPCODE_PING ? new Ping(s) : new Pong(s));
            }
            case Assembled.Close c -> events.add(new Closed(c.payload().code(), c.payload().reason()));
            case Violation v -> {
                events.add(new Failed(v.closeCode(), v.reason()));
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        assembler.close();
    }
}
