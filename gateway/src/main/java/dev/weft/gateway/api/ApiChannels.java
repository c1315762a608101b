package dev.weft.gateway.api;

import dev.weft.gateway.client.ClientProtocolHandler;
import dev.weft.gateway.hub.ChannelName;
import dev.weft.gateway.hub.ChannelOptions;

/** The checks every channel method starts with. */
final class ApiChannels {
    private ApiChannels() {}

    /** The channel's options: error 107 for an empty name, 102 when its namespace is not configured. */
    static ChannelOptions optionsFor(ClientProtocolHandler node, String channel) throws ApiException {
        if (channel.isEmpty()) {
            throw new ApiException(ApiErrorCode.BAD_REQUEST);
        }
        return node.channels().optionsFor(ChannelName.parse(channel))
                .orElseThrow(() -> new ApiException(ApiErrorCode.UNKNOWN_CHANNEL));
    }
}
