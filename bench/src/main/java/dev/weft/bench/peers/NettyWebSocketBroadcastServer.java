package dev.weft.bench.peers;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.nio.charset.StandardCharsets;

/**
 * WebSocket fan-out on Netty 4.2, written as a Netty user writes a chat room: a
 * {@link ChannelGroup} of connected clients and {@code group.writeAndFlush(frame)}, which
 * gives each channel a retained duplicate of the one frame (the payload is built once and
 * shared; each channel's encoder writes only its own frame header).
 *
 * <p>Protocol:
 * <ol>
 *   <li>A client connects by WebSocket on any path. It joins the group when the server's
 *       handshake has completed; a publish racing a join may miss the joiner.</li>
 *   <li>A text message in one frame that starts with {@value #PUBLISH_MARKER} is sent,
 *       unchanged and marker included, to every client in the group, the sender too.</li>
 *   <li>Every other message (other text, binary, fragments) is ignored.</li>
 * </ol>
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.weft.bench.peers.NettyWebSocketBroadcastServer --port 0 --transport epoll</pre>
 */
public final class NettyWebSocketBroadcastServer {

    /** A text message starting with these characters is broadcast. */
    public static final String PUBLISH_MARKER = "pub:";

    private static final byte[] MARKER_BYTES = PUBLISH_MARKER.getBytes(StandardCharsets.US_ASCII);

    private NettyWebSocketBroadcastServer() {}

    public static void main(String[] args) {
        Peers.run("NettyWebSocketBroadcastServer", args, options -> {
            ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
            BroadcastHandler handler = new BroadcastHandler(clients);
            NettyServer.serve(options, new ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel ch) {
                    WebSocketPipeline.install(ch.pipeline(), options.compression(), handler);
                }
            });
        });
    }

    static boolean isPublish(ByteBuf text) {
        if (text.readableBytes() < MARKER_BYTES.length) {
            return false;
        }
        int start = text.readerIndex();
        for (int i = 0; i < MARKER_BYTES.length; i++) {
            if (text.getByte(start + i) != MARKER_BYTES[i]) {
                return false;
            }
        }
        return true;
    }

    /** Adds upgraded channels to the group (closed ones leave it by themselves) and fans out publishes. */
    @ChannelHandler.Sharable
    static final class BroadcastHandler extends ChannelInboundHandlerAdapter {

        /** Connected clients; written by every event loop (joins) and by the group (leaves), thread-safe. */
        private final ChannelGroup clients;

        BroadcastHandler(ChannelGroup clients) {
            this.clients = clients;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                clients.add(ctx.channel());
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame frame && frame.isFinalFragment() && isPublish(frame.content())) {
                // The group duplicates the frame per channel and releases this reference.
                clients.writeAndFlush(frame);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
