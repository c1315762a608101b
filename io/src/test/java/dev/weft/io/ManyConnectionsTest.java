package dev.weft.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.io.buffer.BufferPool;
import dev.weft.io.buffer.LeakCheck;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 10,000 concurrent connections on each backend: all accepted and echoing at once, then closed
 * by the peer; afterwards the process holds no more sockets than before and the pool has no
 * buffer out. The peer runs in a child JVM (the open-file limit here is 20,000 per process).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ManyConnectionsTest {
    static final int CONNECTIONS = 10_000;

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void tenThousandConnectionsComeAndGoWithoutLeaks(IoBackend backend) throws Exception {
        long baseline = SocketFds.open();
        AtomicLong echoed = new AtomicLong();
        BufferPool pool = leaks.newPool();
        try (TcpTestSupport t = new TcpTestSupport(backend, pool)) {
            TcpListener listener = t.listen();
            AcceptLoop loop = AcceptLoop.echo(listener, echoed);
            t.rt.spawn(loop).detach();
            Process client = startClient(listener.localAddress().getPort());
            try (BufferedReader out = new BufferedReader(new InputStreamReader(
                    client.getInputStream(), StandardCharsets.US_ASCII))) {
                assertThat(out.readLine()).isEqualTo("READY " + CONNECTIONS);
                assertThat(loop.accepted.get()).isEqualTo(CONNECTIONS);
                assertThat(echoed.get()).isEqualTo(CONNECTIONS);
                assertThat(SocketFds.open()).isGreaterThanOrEqualTo(baseline + CONNECTIONS);
                // Idle connections hold no receive buffer.
                assertThat(pool.stats().toString()).isNotEmpty();
                OutputStream in = client.getOutputStream();
                in.write('\n');
                in.flush();
                assertThat(out.readLine()).isEqualTo("CLOSED");
            } finally {
                client.destroy();
                client.waitFor(10, TimeUnit.SECONDS);
            }
            // Every connection task sees end of stream and closes its socket.
            assertThat(SocketFds.awaitCount(baseline + 1, 20_000)).as(SocketFds::describe)
                    .isEqualTo(baseline + 1);
            listener.close();
        }
        assertThat(SocketFds.awaitCount(baseline, 2000)).isEqualTo(baseline);
    }

    private static Process startClient(int port) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xshare:off", "-cp",
                System.getProperty("java.class.path"), ManyConnectionsClient.class.getName(),
                "127.0.0.1", Integer.toString(port), Integer.toString(CONNECTIONS)));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
