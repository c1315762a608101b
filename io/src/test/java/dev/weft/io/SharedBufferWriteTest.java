package dev.weft.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.LeakCheck;
import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Writes by position ({@link TcpStream#tryWrite(Context, Buffer[], long[], int, int)}): one
 * buffer, shared by reference count, goes out on several streams at once, each behind a header
 * of its own, through readers slow enough that every stream sees partial writes; each peer gets
 * its header and every byte of the shared buffer, and the shared buffer's indexes never move.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SharedBufferWriteTest {
    private static final int STREAMS = 4;
    private static final int SHARED_BYTES = 3 << 20;

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void oneBufferGoesOutOnSeveralStreamsWithoutMovingItsIndexes(IoBackend backend) throws Exception {
        long baseline = SocketFds.open();
        byte[] data = new byte[SHARED_BYTES];
        new Random(11).nextBytes(data);
        try (TcpTestSupport t = new TcpTestSupport(backend, leaks.newPool())) {
            Buffer shared = t.pool.allocate(data.length).writeBytes(data);
            CountDownLatch written = new CountDownLatch(STREAMS);
            TcpListener listener = t.listen();
            int[] next = {0};
            t.rt.spawn(new AcceptLoop(listener, s -> {
                int n = next[0]++;
                return new SharedWrite(s, header(n, t), shared.retain(), written);
            })).detach();
            List<Socket> clients = new ArrayList<>();
            List<CompletableFuture<byte[]>> received = new ArrayList<>();
            try {
                for (int i = 0; i < STREAMS; i++) {
                    Socket c = new Socket();
                    c.setSoTimeout(30_000);
                    c.setReceiveBufferSize(16 << 10);
                    c.connect(listener.localAddress());
                    clients.add(c);
                    received.add(CompletableFuture.supplyAsync(() -> readSlowly(c)));
                }
                for (CompletableFuture<byte[]> r : received) {
                    byte[] got = r.get(30, TimeUnit.SECONDS);
                    String header = new String(got, 0, 9, StandardCharsets.US_ASCII);
                    assertThat(header).matches("stream-\\d\\n");
                    assertThat(got.length).isEqualTo(9 + data.length);
                    assertThat(Arrays.equals(got, 9, got.length, data, 0, data.length))
                            .as("shared bytes after %s", header.trim()).isTrue();
                }
                assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
                assertThat(shared.readIndex()).isZero();
                assertThat(shared.writeIndex()).isEqualTo(data.length);
                assertThat(shared.refCount()).as("every stream released its reference").isEqualTo(1);
            } finally {
                shared.release();
                for (Socket c : clients) {
                    c.close();
                }
                listener.close();
            }
        }
        assertThat(SocketFds.awaitCount(baseline, 2000)).as(SocketFds::describe).isEqualTo(baseline);
    }

    private static Buffer header(int n, TcpTestSupport t) {
        return t.pool.allocate(16).writeBytes(("stream-" + n + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads to the end in small pieces with pauses, so the sender's socket buffer fills. */
    private static byte[] readSlowly(Socket c) {
        try {
            InputStream in = c.getInputStream();
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            byte[] piece = new byte[64 << 10];
            int reads = 0;
            int n;
            while ((n = in.read(piece)) >= 0) {
                all.write(piece, 0, n);
                if (++reads % 8 == 0) {
                    Thread.sleep(1);
                }
            }
            return all.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Writes its header and the shared buffer by position, then closes the stream and drops both. */
    private static final class SharedWrite implements Future<Void> {
        private final TcpStream stream;
        private final Buffer[] buffers;
        private final long[] starts = new long[2];
        private final CountDownLatch written;
        private int first;

        SharedWrite(TcpStream stream, Buffer header, Buffer shared, CountDownLatch written) {
            this.stream = stream;
            this.buffers = new Buffer[] {header, shared};
            this.starts[0] = header.readIndex();
            this.starts[1] = shared.readIndex();
            this.written = written;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            try {
                while (first < 2) {
                    if (stream.tryWrite(cx, buffers, starts, first, 2 - first) == TcpStream.PENDING) {
                        return Poll.pending();
                    }
                    while (first < 2 && starts[first] == buffers[first].writeIndex()) {
                        first++;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            buffers[0].release();
            buffers[1].release();
            stream.close();
            written.countDown();
            return Poll.ready(null);
        }
    }
}
