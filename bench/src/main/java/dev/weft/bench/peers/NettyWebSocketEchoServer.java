package dev.weft.bench.peers;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * WebSocket echo on Netty 4.2: upgrades on any path and sends every text, binary and
 * continuation frame back unchanged (same opcode, same payload, same fragmentation).
 * {@code --compression} adds {@code WebSocketServerCompressionHandler}, so clients that
 * offer permessage-deflate get it.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.weft.bench.peers.NettyWebSocketEchoServer --port 0 --transport epoll</pre>
 */
public final class NettyWebSocketEchoServer {

    private NettyWebSocketEchoServer() {}

    public static void main(String[] args) {
        Peers.run("NettyWebSocketEchoServer", args, options -> NettyServer.serve(options, new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                WebSocketPipeline.install(ch.pipeline(), options.compression(), FrameEchoHandler.INSTANCE);
            }
        }));
    }

    /** Writes each data frame back; ownership passes to the write, which releases it. */
    @ChannelHandler.Sharable
    static final class FrameEchoHandler extends ChannelInboundHandlerAdapter {

        static final FrameEchoHandler INSTANCE = new FrameEchoHandler();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame
                    || msg instanceof BinaryWebSocketFrame
                    || msg instanceof ContinuationWebSocketFrame) {
                ctx.write(msg);
            } else {
                // Pong frames are dropped before here; anything else is not ours to answer.
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
