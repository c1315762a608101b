package dev.weft.gateway.server;

import dev.weft.gateway.client.ClientProtocolHandler;

/** Lets tests in other packages build the node {@code ./weft gateway} runs. */
public final class GatewayMainAccess {
    private GatewayMainAccess() {}

    public static ClientProtocolHandler protocol(byte[] hmacSecret) {
        return GatewayMain.protocol(hmacSecret);
    }
}
