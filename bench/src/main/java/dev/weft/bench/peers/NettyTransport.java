package dev.weft.bench.peers;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.unix.UnixChannelOption;

import java.net.StandardSocketOptions;

/**
 * Netty 4.2's pairing of an {@link IoHandlerFactory} with its server channel class, the way
 * its own examples choose a transport: one {@link MultiThreadIoEventLoopGroup} per server.
 *
 * @param transport which transport this is
 * @param handlerFactory creates each event loop's I/O handler
 * @param serverChannel the channel class for {@code ServerBootstrap.channel}
 */
record NettyTransport(
        Transport transport,
        IoHandlerFactory handlerFactory,
        Class<? extends ServerChannel> serverChannel) {

    /**
     * The transport, checked first: a native one that cannot load here (wrong OS, io_uring
     * disabled by sysctl or seccomp, kernel too old) fails with Netty's stated cause.
     */
    static NettyTransport of(Transport transport) {
        return switch (transport) {
            case EPOLL -> {
                if (!Epoll.isAvailable()) {
                    throw new TransportUnavailableException(
                            "epoll transport unavailable: " + Epoll.unavailabilityCause(),
                            Epoll.unavailabilityCause());
                }
                yield new NettyTransport(transport, EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
            }
            case IO_URING -> {
                if (!IoUring.isAvailable()) {
                    throw new TransportUnavailableException(
                            "io_uring transport unavailable: " + IoUring.unavailabilityCause(),
                            IoUring.unavailabilityCause());
                }
                yield new NettyTransport(transport, IoUringIoHandler.newFactory(), IoUringServerSocketChannel.class);
            }
            case NIO -> new NettyTransport(transport, NioIoHandler.newFactory(), NioServerSocketChannel.class);
        };
    }

    /** Sets SO_REUSEPORT on the listener: the native transports' option, or the JDK's through NIO. */
    void enableReusePort(ServerBootstrap bootstrap) {
        if (transport == Transport.NIO) {
            bootstrap.option(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true);
        } else {
            bootstrap.option(UnixChannelOption.SO_REUSEPORT, true);
        }
    }

    EventLoopGroup newGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, handlerFactory);
    }
}
