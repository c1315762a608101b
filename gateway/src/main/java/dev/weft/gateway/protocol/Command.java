package dev.weft.gateway.protocol;

import java.util.Objects;

/**
 * A command from a client. {@code id} matches the reply to the command; it is 0 only for
 * {@link Request.Send} and {@link Request.Pong}, which get no reply.
 */
public record Command(long id, Request request) {
    /** Ids are uint32 in the schema. */
    public static final long MAX_ID = 0xFFFF_FFFFL;

    public Command {
        if (id < 0 || id > MAX_ID) {
            throw new IllegalArgumentException("command id out of uint32 range: " + id);
        }
        Objects.requireNonNull(request, "request");
    }
}
