package dev.weft.http;

import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Test driver: feeds byte pieces to a decoder as successive reads into one input buffer and
 * records what came out as lines of text, independent of how the body was split into events:
 * {@code "GET /a HTTP_1_1 keepAlive=true"}, {@code "body=hello"}, {@code "end"},
 * {@code "rejected 400 reason"}. Releases everything it receives.
 */
final class Decoding {

    private Decoding() {
    }

    static List<String> run(BufferPool pool, HttpLimits limits, byte[]... pieces) {
        int total = 0;
        for (byte[] p : pieces) {
            total += p.length;
        }
        Buffer in = pool.allocate(Math.max(total, 1));
        List<String> out = new ArrayList<>();
        StringBuilder body = null;
        try (RequestDecoder decoder = new RequestDecoder(pool, limits)) {
            for (byte[] piece : pieces) {
                in.writeBytes(piece);
                while (true) {
                    RequestEvent e = decoder.decode(in);
                    if (e instanceof RequestEvent.NeedMoreData) {
                        break;
                    }
                    switch (e) {
                        case HttpRequest r -> {
                            try (r) {
                                out.add(describe(r));
                            }
                            body = new StringBuilder();
                        }
                        case RequestEvent.Content c -> {
                            try (c) {
                                body.append(new String(c.bytes().readBytes((int) c.bytes().readableBytes()),
                                        StandardCharsets.ISO_8859_1));
                            }
                        }
                        case RequestEvent.End end -> {
                            if (!body.isEmpty()) {
                                out.add("body=" + body);
                            }
                            out.add("end");
                        }
                        case RequestEvent.Rejected r -> {
                            out.add("rejected " + r.status() + " " + r.reason());
                            return out;
                        }
                        case RequestEvent.NeedMoreData n -> throw new AssertionError("unreachable");
                    }
                }
            }
            if (in.readableBytes() > 0) {
                out.add("unread=" + in.readableBytes());
            }
            return out;
        } finally {
            in.release();
        }
    }

    static List<String> run(BufferPool pool, String... pieces) {
        byte[][] bytes = new byte[pieces.length][];
        for (int i = 0; i < pieces.length; i++) {
            bytes[i] = pieces[i].getBytes(StandardCharsets.ISO_8859_1);
        }
        return run(pool, HttpLimits.defaults(), bytes);
    }

    static String describe(HttpRequest r) {
        return r.method() + " " + r.target() + " " + r.version() + " keepAlive=" + r.isKeepAlive()
                + (r.isUpgrade() ? " upgrade" : "");
    }

    /** The one rejection line from decoding {@code request} whole. */
    static String rejection(BufferPool pool, HttpLimits limits, String request) {
        List<String> lines = run(pool, limits, request.getBytes(StandardCharsets.ISO_8859_1));
        return lines.get(lines.size() - 1);
    }
}
