package dev.weft.gateway.client;

import dev.weft.gateway.protocol.RawJson;

/** Receives asynchronous {@code send} messages from clients; they get no reply. */
@FunctionalInterface
public interface SendHandler {
    void onSend(ClientContext client, RawJson data);
}
