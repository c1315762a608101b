package dev.weft.gateway.client;

import dev.weft.gateway.protocol.ErrorCode;
import dev.weft.gateway.protocol.RawJson;
import dev.weft.gateway.protocol.ReplyError;

/** Answers {@code rpc} commands. Called on the connection's thread; may block (it runs on a fiber). */
@FunctionalInterface
public interface RpcHandler {
    /** The reply to an RPC: data for the client, or an error. */
    sealed interface Outcome {
        record Success(RawJson data) implements Outcome {}

        record Failure(ReplyError error) implements Outcome {}
    }

    /** With no handler configured every method is unknown. */
    RpcHandler METHOD_NOT_FOUND = (client, method, data) -> new Outcome.Failure(ErrorCode.METHOD_NOT_FOUND.toError());

    Outcome call(ClientContext client, String method, RawJson data);
}
