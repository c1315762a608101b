package dev.weft.bench.peers;

import dev.weft.bench.proc.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TcpEchoServersTest {

    /** Streamed while reading, so both socket buffers fill and the server must hold back. */
    private static final int STREAM_BYTES = 4 << 20;

    @ParameterizedTest
    @EnumSource(Transport.class)
    void nettyEchoesEveryByteOnEachTransport(Transport transport) throws Exception {
        Peer.assumeAvailable(transport);
        try (ServerProcess server = Peer.start(NettyTcpEchoServer.class, transport)) {
            exchangeAndCheck(server);
            Peer.assertStopsOnSigterm(server);
        }
    }

    @Test
    void virtualThreadServerEchoesEveryByte() throws Exception {
        try (ServerProcess server = Peer.start(VirtualThreadTcpEchoServer.class, Transport.NIO)) {
            exchangeAndCheck(server);
            Peer.assertStopsOnSigterm(server);
        }
    }

    @Test
    void virtualThreadServerRefusesANativeTransportBeforeListening() {
        assertThatThrownBy(() -> Peer.start(VirtualThreadTcpEchoServer.class, Transport.EPOLL))
                .hasMessageContaining("exited before listening (status 2)")
                .hasMessageContaining("--transport must be nio");
    }

    @Test
    void nettyServerSaysWhyANativeTransportIsUnavailable() {
        // Netty's switch that disables every native transport stands in for a kernel without io_uring.
        assertThatThrownBy(() -> ServerProcess.start(ServerProcess.Spec.of(NettyTcpEchoServer.class.getName())
                        .withJvmFlags("-Dio.netty.transport.noNative=true")
                        .withLog(Peer.logFor(NettyTcpEchoServer.class, "noNative"))
                        .withArgs("--port", "0", "--transport", "io_uring")))
                .hasMessageContaining("exited before listening (status 2)")
                .hasMessageContaining("io_uring transport unavailable");
    }

    /** Lock-step round trips of many sizes, then a 4 MiB stream, CPU read at each stage. */
    private static void exchangeAndCheck(ServerProcess server) throws Exception {
        List<Long> cpu = new ArrayList<>();
        cpu.add(server.cpuNanos());
        Random random = new Random(42);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
            socket.setSoTimeout(20_000);
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < 300; i++) {
                byte[] sent = new byte[1 + random.nextInt(i < 200 ? 64 : 20_000)];
                random.nextBytes(sent);
                out.write(sent);
                assertThat(in.readNBytes(sent.length)).as("round trip %d of %d bytes", i, sent.length).isEqualTo(sent);
            }
            cpu.add(server.cpuNanos());

            byte[] stream = new byte[STREAM_BYTES];
            random.nextBytes(stream);
            try (ExecutorService writer = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<?> written = writer.submit(() -> writeInChunks(out, stream, new Random(7)));
                byte[] echoed = in.readNBytes(stream.length);
                written.get();
                assertThat(echoed).as("echoed stream of %d bytes", stream.length).isEqualTo(stream);
            } catch (ExecutionException e) {
                throw new AssertionError("writer failed", e.getCause());
            }
            cpu.add(server.cpuNanos());
        }
        Peer.assertReadingsSane(server, cpu);
    }

    private static Void writeInChunks(OutputStream out, byte[] data, Random random) throws IOException {
        for (int off = 0; off < data.length; ) {
            int n = Math.min(data.length - off, 1 + random.nextInt(65_536));
            out.write(data, off, n);
            off += n;
        }
        out.flush();
        return null;
    }
}
