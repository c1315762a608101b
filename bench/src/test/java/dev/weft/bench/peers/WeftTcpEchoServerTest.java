package dev.weft.bench.peers;

import dev.weft.bench.proc.ServerProcess;
import dev.weft.io.IoDrivers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class WeftTcpEchoServerTest {

    /** Streamed while reading, so both socket buffers fill and the server must hold back. */
    private static final int STREAM_BYTES = 2 << 20;

    @ParameterizedTest
    @ValueSource(strings = {"io_uring", "epoll", "nio"})
    void echoesEveryByteOnEachBackendAndStopsOnSigterm(String io) throws Exception {
        assumeBackendAvailable(io);
        try (ServerProcess server = start("--io", io)) {
            assertThat(server.transport()).isEqualTo(io);
            List<Long> cpu = new ArrayList<>();
            cpu.add(server.cpuNanos());
            try (Socket a = connect(server); Socket b = connect(server)) {
                roundTrips(a, new Random(1));
                roundTrips(b, new Random(2));   // a second connection while the first stays open
                cpu.add(server.cpuNanos());
                stream(a, new Random(3));
                cpu.add(server.cpuNanos());
            }
            Peer.assertReadingsSane(server, cpu);
            Peer.assertStopsOnSigterm(server);
        }
    }

    @Test
    void unknownBackendEndsTheStartWithStatus2() {
        assertThatThrownBy(() -> start("--io", "kqueue"))
                .hasMessageContaining("exited before listening (status 2)")
                .hasMessageContaining("unknown I/O backend 'kqueue'");
    }

    private static ServerProcess start(String... ioArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--threads", "2"));
        args.addAll(List.of(ioArgs));
        return ServerProcess.start(ServerProcess.Spec.of(WeftTcpEchoServer.class.getName())
                .withJvmFlags(Peer.JVM_FLAGS)
                .withArgs(args.toArray(String[]::new))
                .withLog(Peer.logFor(WeftTcpEchoServer.class, String.join("", ioArgs))));
    }

    private static void assumeBackendAvailable(String io) {
        try {
            IoDrivers.select(io);
        } catch (IllegalArgumentException e) {
            assumeTrue(false, e.getMessage());
        }
    }

    private static Socket connect(ServerProcess server) throws Exception {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
        socket.setSoTimeout(20_000);
        socket.setTcpNoDelay(true);
        return socket;
    }

    /** Lock-step messages of 1 byte to 20 KB: every echo equals what was sent. */
    private static void roundTrips(Socket socket, Random random) throws Exception {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        for (int i = 0; i < 150; i++) {
            byte[] sent = new byte[1 + random.nextInt(i < 100 ? 64 : 20_000)];
            random.nextBytes(sent);
            out.write(sent);
            assertThat(in.readNBytes(sent.length)).as("round trip %d of %d bytes", i, sent.length).isEqualTo(sent);
        }
    }

    /** 2 MiB written by one thread while this one reads: the echo is the same bytes in order. */
    private static void stream(Socket socket, Random random) throws Exception {
        byte[] data = new byte[STREAM_BYTES];
        random.nextBytes(data);
        OutputStream out = socket.getOutputStream();
        try (ExecutorService writer = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> written = writer.submit(() -> {
                for (int off = 0; off < data.length; ) {
                    int n = Math.min(data.length - off, 1 + random.nextInt(65_536));
                    out.write(data, off, n);
                    off += n;
                }
                return null;
            });
            byte[] echoed = socket.getInputStream().readNBytes(data.length);
            written.get();
            assertThat(echoed).as("echoed stream of %d bytes", data.length).isEqualTo(data);
        }
    }
}
