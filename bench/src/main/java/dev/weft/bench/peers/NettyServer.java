package dev.weft.bench.peers;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Binds a Netty server the way a Netty 4.2 user does, prints the {@code LISTENING} line, and
 * serves until SIGTERM.
 *
 * <p>One event-loop group both accepts and serves (Netty 4.2's examples do this); a separate
 * one-thread boss group would add a thread that the comparison does not count in
 * {@code --threads}.
 *
 * <p>Shutdown: 1. SIGTERM runs the JVM's shutdown hooks. 2. The hook closes the group
 * gracefully with no quiet period, closing the listener and every connection. 3. The main
 * thread, waiting on the listener's close future, returns and the JVM exits with 143.
 */
final class NettyServer {

    /** How long a graceful group shutdown may take before its loops are stopped anyway. */
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 3_000;

    private NettyServer() {}

    static void serve(PeerOptions options, ChannelInitializer<Channel> childInit) throws InterruptedException {
        NettyTransport transport = NettyTransport.of(options.transportOr(Transport.EPOLL));
        EventLoopGroup group = transport.newGroup(options.threads());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> group
                .shutdownGracefully(0, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(SHUTDOWN_TIMEOUT_MILLIS + 1_000), "netty-shutdown"));
        try {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(group)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(childInit);
            if (options.reusePort()) {
                transport.enableReusePort(bootstrap);
            }
            Channel listener = bootstrap
                    .bind(options.port())
                    .sync()
                    .channel();
            Peers.printListening(((InetSocketAddress) listener.localAddress()).getPort(), transport.transport());
            listener.closeFuture().sync();
        } finally {
            group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        }
    }
}
