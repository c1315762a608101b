package dev.weft.bench.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.StandardSocketOptions;

/**
 * Raw TCP echo on the JDK alone: a blocking {@link ServerSocket} and one virtual thread per
 * connection, reading into a buffer and writing it back. The JDK's own poller (epoll here)
 * parks and wakes the threads, so the only transport is {@code nio}; {@code --threads} sets
 * the number of carrier threads ({@code jdk.virtualThreadScheduler.parallelism}) unless
 * that property is given on the command line.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.weft.bench.peers.VirtualThreadTcpEchoServer --port 0</pre>
 */
public final class VirtualThreadTcpEchoServer {

    /** Read buffer per connection: 16 KiB, as the JDK's own socket streams size theirs. */
    private static final int BUFFER_BYTES = 16 * 1024;

    private VirtualThreadTcpEchoServer() {}

    public static void main(String[] args) {
        Peers.run("VirtualThreadTcpEchoServer", args, VirtualThreadTcpEchoServer::serve);
    }

    private static void serve(PeerOptions options) throws IOException {
        Transport transport = options.transportOr(Transport.NIO);
        if (transport != Transport.NIO) {
            throw new IllegalArgumentException("the JDK's sockets choose their own poller; "
                    + "--transport must be nio, was " + transport.cliName());
        }
        // Read when the scheduler class initialises, i.e. before the first virtual thread starts.
        if (System.getProperty("jdk.virtualThreadScheduler.parallelism") == null) {
            System.setProperty("jdk.virtualThreadScheduler.parallelism", Integer.toString(options.threads()));
        }
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        if (options.reusePort()) {
            listener.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        }
        listener.bind(new InetSocketAddress(options.port()), 1024);
        // SIGTERM: closing the listener ends the accept loop; connection threads are daemons.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(listener), "echo-shutdown"));
        Peers.printListening(listener.getLocalPort(), transport);
        Thread.Builder.OfVirtual connections = Thread.ofVirtual().name("echo-", 0);
        while (true) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (SocketException closed) {
                return;
            }
            connections.start(() -> echo(socket));
        }
    }

    private static void echo(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            socket.setTcpNoDelay(true);
            byte[] buffer = new byte[BUFFER_BYTES];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // A reset peer is normal under load; the connection is over either way.
        }
    }

    private static void closeQuietly(ServerSocket listener) {
        try {
            listener.close();
        } catch (IOException e) {
            // Exiting anyway.
        }
    }
}
