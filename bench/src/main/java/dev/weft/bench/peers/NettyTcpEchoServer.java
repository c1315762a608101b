package dev.weft.bench.peers;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;

/**
 * Raw TCP echo on Netty 4.2, as Netty's own {@code EchoServer} example writes it: every
 * read buffer is written back as is, flushed once per read batch.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.weft.bench.peers.NettyTcpEchoServer --port 0 --transport io_uring</pre>
 */
public final class NettyTcpEchoServer {

    private NettyTcpEchoServer() {}

    public static void main(String[] args) {
        Peers.run("NettyTcpEchoServer", args, options -> NettyServer.serve(options, new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(EchoHandler.INSTANCE);
            }
        }));
    }

    /** Hands each inbound buffer to the outbound side; the write releases it. */
    @ChannelHandler.Sharable
    static final class EchoHandler extends ChannelInboundHandlerAdapter {

        static final EchoHandler INSTANCE = new EchoHandler();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A reset peer is normal under load; close quietly.
            ctx.close();
        }
    }
}
