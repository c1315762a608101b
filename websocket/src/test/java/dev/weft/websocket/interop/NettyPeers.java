package dev.weft.websocket.interop;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Netty's WebSocket server (echo) and client, with permessage-deflate, as interop peers. */
final class NettyPeers {

    private static final int MAX_FRAME = 16 << 20;

    private NettyPeers() {
    }

    /** A Netty echo server on a loopback port: text and binary frames (fragments too) go back as they came. */
    static final class EchoServer implements AutoCloseable {
        private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        final Channel channel;
        final int port;

        EchoServer() throws InterruptedException {
            channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                    new WebSocketServerCompressionHandler(),
                                    new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                            .websocketPath("/").checkStartsWith(true).allowExtensions(true)
                                            .maxFramePayloadLength(MAX_FRAME).build()),
                                    new SimpleChannelInboundHandler<WebSocketFrame>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame f) {
                                            if (f instanceof TextWebSocketFrame || f instanceof BinaryWebSocketFrame
                                                    || f instanceof ContinuationWebSocketFrame) {
                                                ctx.writeAndFlush(f.retain());
                                            }
                                        }
                                    });
                        }
                    }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            port = ((InetSocketAddress) channel.localAddress()).getPort();
        }

        @Override
        public void close() {
            channel.close().syncUninterruptibly();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Netty's client: records text (joined from fragments), binary, pongs and the close. */
    static final class Client implements AutoCloseable {
        private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        final Channel channel;
        final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        private final CompletableFuture<Void> handshake = new CompletableFuture<>();

        Client(URI uri) throws Exception {
            channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
                                    WebSocketClientCompressionHandler.INSTANCE,
                                    new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                                            .webSocketUri(uri).allowExtensions(true).maxFramePayloadLength(MAX_FRAME)
                                            .handleCloseFrames(false).dropPongFrames(false).build()),
                                    new Collector());
                        }
                    }).connect(uri.getHost(), uri.getPort()).sync().channel();
            handshake.get(10, TimeUnit.SECONDS);
        }

        private final class Collector extends SimpleChannelInboundHandler<WebSocketFrame> {
            private ByteArrayOutputStream message;
            private boolean isText;

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                    handshake.complete(null);
                }
                ctx.fireUserEventTriggered(evt);
            }

            @Override
            protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame f) {
                switch (f) {
                    case TextWebSocketFrame t -> start(true, f);
                    case BinaryWebSocketFrame b -> start(false, f);
                    case ContinuationWebSocketFrame c -> append(f);
                    case PongWebSocketFrame p -> events.add("pong:" + p.content().toString(StandardCharsets.UTF_8));
                    case CloseWebSocketFrame c -> {
                        closeCode.complete(c.statusCode());
                        ctx.writeAndFlush(new CloseWebSocketFrame(c.statusCode(), "")).addListener(x -> ctx.close());
                    }
                    default -> {
                    }
                }
            }

            private void start(boolean text, WebSocketFrame f) {
                isText = text;
                message = new ByteArrayOutputStream();
                append(f);
            }

            private void append(WebSocketFrame f) {
                byte[] b = new byte[f.content().readableBytes()];
                f.content().readBytes(b);
                message.writeBytes(b);
                if (f.isFinalFragment()) {
                    byte[] all = message.toByteArray();
                    events.add(isText ? new String(all, StandardCharsets.UTF_8) : all);
                }
            }
        }

        Object next() throws InterruptedException {
            Object e = events.poll(20, TimeUnit.SECONDS);
            if (e == null) {
                throw new AssertionError("no event within 20 s");
            }
            return e;
        }

        void send(WebSocketFrame f) {
            channel.writeAndFlush(f).syncUninterruptibly();
        }

        @Override
        public void close() {
            channel.close().syncUninterruptibly();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
