package dev.weft.gateway.client;

import dev.weft.gateway.protocol.RawJson;

/** Who sent an RPC or message: the authenticated user (empty if anonymous), connection id and token info. */
public record ClientContext(String user, String clientId, RawJson connInfo) {}
