package dev.weft.bench.peers;

import dev.weft.bench.fanout.FanoutWire;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WebSocket fan-out on Netty 4.2, written as a Netty user writes a chat server with rooms: a
 * {@link ChannelGroup} per room and {@code group.writeAndFlush(frame)}, which gives each channel
 * a retained duplicate of the one frame (the payload is built once and shared; each channel's
 * encoder writes only its own frame header).
 *
 * <p>Protocol (see {@link FanoutWire}): a text message {@code sub:<room>} joins the room and is
 * answered {@code subscribed:<room>}; a text message {@code pub:<room> <body>} goes, unchanged,
 * to every member of the room. Everything else is ignored. Closed channels leave their groups
 * by themselves.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.weft.bench.peers.NettyWebSocketBroadcastServer --port 0 --transport epoll</pre>
 */
public final class NettyWebSocketBroadcastServer {

    private NettyWebSocketBroadcastServer() {}

    public static void main(String[] args) {
        Peers.run("NettyWebSocketBroadcastServer", args, options -> {
            BroadcastHandler handler = new BroadcastHandler();
            NettyServer.serve(options, new ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel ch) {
                    WebSocketPipeline.install(ch.pipeline(), options.compression(), handler);
                }
            });
        });
    }

    /** The room named between {@code prefix} and the first space (or the end), or null if {@code text} does not start with it. */
    static String room(ByteBuf text, String prefix) {
        int start = text.readerIndex();
        int end = text.writerIndex();
        if (end - start < prefix.length()) {
            return null;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (text.getByte(start + i) != prefix.charAt(i)) {
                return null;
            }
        }
        int nameStart = start + prefix.length();
        int space = text.indexOf(nameStart, end, (byte) ' ');
        int nameEnd = space < 0 ? end : space;
        return text.toString(nameStart, nameEnd - nameStart, StandardCharsets.UTF_8);
    }

    /** Joins rooms and fans out publications; shared by every channel. */
    @ChannelHandler.Sharable
    static final class BroadcastHandler extends ChannelInboundHandlerAdapter {
        private final ConcurrentHashMap<String, ChannelGroup> rooms = new ConcurrentHashMap<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof TextWebSocketFrame frame) || !frame.isFinalFragment()) {
                ReferenceCountUtil.release(msg);
                return;
            }
            String room = room(frame.content(), FanoutWire.PUBLISH);
            if (room != null) {
                ChannelGroup group = rooms.get(room);
                if (group != null) {
                    group.writeAndFlush(frame);   // duplicates the frame per member and releases this reference
                } else {
                    frame.release();
                }
                return;
            }
            room = room(frame.content(), FanoutWire.SUBSCRIBE);
            frame.release();
            if (room != null) {
                rooms.computeIfAbsent(room, r -> new DefaultChannelGroup(r, GlobalEventExecutor.INSTANCE)).add(ctx.channel());
                ctx.writeAndFlush(new TextWebSocketFrame(FanoutWire.SUBSCRIBED + room));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
