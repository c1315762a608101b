package dev.weft.bench.peers;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;

/**
 * The stock Netty WebSocket server pipeline: HTTP codec, aggregated upgrade request,
 * optional permessage-deflate, then {@link WebSocketServerProtocolHandler}, which answers
 * the handshake on any path, pings and close frames, and passes data frames on.
 */
final class WebSocketPipeline {

    /** Largest upgrade request accepted; the handshake is a few hundred bytes. */
    private static final int MAX_UPGRADE_REQUEST_BYTES = 8 * 1024;
    /** Largest frame payload accepted: 1 MiB, room for any benchmark message. */
    private static final int MAX_FRAME_PAYLOAD_BYTES = 1 << 20;

    private WebSocketPipeline() {}

    static void install(ChannelPipeline pipeline, boolean compression, ChannelHandler frames) {
        pipeline.addLast(new HttpServerCodec());
        pipeline.addLast(new HttpObjectAggregator(MAX_UPGRADE_REQUEST_BYTES));
        if (compression) {
            pipeline.addLast(new WebSocketServerCompressionHandler(0));
        }
        pipeline.addLast(new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .checkStartsWith(true) // every path starts with "/": upgrade on any path
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(MAX_FRAME_PAYLOAD_BYTES)
                        .allowExtensions(compression)
                        .build())
                .build()));
        pipeline.addLast(frames);
    }
}
