package dev.weft.http;

import java.nio.charset.StandardCharsets;

/** A complete response held in memory: what an {@link HttpHandler} returns. */
public record Response(ResponseHead head, byte[] body) {

    public static Response of(int status) {
        return new Response(ResponseHead.of(status), new byte[0]);
    }

    /** A {@code text/plain; charset=utf-8} response. */
    public static Response text(int status, String text) {
        return new Response(ResponseHead.of(status).with("Content-Type", "text/plain; charset=utf-8"),
                text.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy with one more field. */
    public Response with(String name, String value) {
        return new Response(head.with(name, value), body);
    }
}
