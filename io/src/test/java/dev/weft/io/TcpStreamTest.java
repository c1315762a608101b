package dev.weft.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.LeakCheck;
import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Poll;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * TCP over each backend, against the JDK's blocking sockets as the peer: echo of small and
 * large messages with partial reads and writes, half-close, reset, refused connects, and aborts
 * in the middle of a read and of a write. Every test checks that the pool has no buffer out
 * ({@link LeakCheck}) and that the process holds no more sockets than before.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TcpStreamTest {
    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void echoesSmallMessagesInOrder(IoBackend backend) throws Exception {
        long baseline = SocketFds.open();
        AtomicLong echoed = new AtomicLong();
        try (TcpTestSupport t = new TcpTestSupport(backend, leaks.newPool())) {
            TcpListener listener = t.listen();
            t.rt.spawn(AcceptLoop.echo(listener, echoed)).detach();
            try (Socket c = new Socket()) {
                c.setSoTimeout(30_000);
                c.connect(listener.localAddress());
                c.setTcpNoDelay(true);
                OutputStream out = c.getOutputStream();
                DataInputStream in = new DataInputStream(c.getInputStream());
                for (int i = 0; i < 200; i++) {
                    byte[] msg = ("message " + i + "\n").getBytes(StandardCharsets.US_ASCII);
                    out.write(msg);
                    byte[] back = new byte[msg.length];
                    in.readFully(back);
                    assertThat(back).isEqualTo(msg);
                }
            }
            listener.close();
        }
        assertThat(echoed.get()).isGreaterThan(0);
        assertThat(SocketFds.awaitCount(baseline, 2000)).as(SocketFds::describe).isEqualTo(baseline);
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void echoesEightMegabytesWithPartialReadsAndWrites(IoBackend backend) throws Exception {
        long baseline = SocketFds.open();
        AtomicLong echoed = new AtomicLong();
        byte[] data = new byte[8 << 20];
        new Random(42).nextBytes(data);
        try (TcpTestSupport t = new TcpTestSupport(backend, leaks.newPool())) {
            TcpListener listener = t.listen();
            t.rt.spawn(AcceptLoop.echo(listener, echoed)).detach();
            try (Socket c = new Socket()) {
                c.setSoTimeout(30_000);
                c.connect(listener.localAddress());
                // A writer thread so both directions' socket buffers fill: the server sees
                // EAGAIN (or a pending send) and short writes on the way.
                CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                    try {
                        OutputStream out = c.getOutputStream();
                        for (int off = 0; off < data.length; off += 100_003) {
                            out.write(data, off, Math.min(100_003, data.length - off));
                        }
                        c.shutdownOutput();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                byte[] back = c.getInputStream().readAllBytes();
                writer.get(30, TimeUnit.SECONDS);
                assertThat(back.length).isEqualTo(data.length);
                assertThat(Arrays.equals(back, data)).as("echo equals input").isTrue();
            }
            listener.close();
        }
        assertThat(echoed.get()).isEqualTo(data.length);
        assertThat(SocketFds.awaitCount(baseline, 2000)).as(SocketFds::describe).isEqualTo(baseline);
    }

    @org.junit.jupiter.api.Test
    void ioUringZeroCopySendsEchoEightMegabytes() throws Exception {
        // A 1 KiB threshold puts most sends on SEND_ZC / SENDMSG_ZC: their second (notification)
        // CQE must release the retained buffers, or the leak check fails.
        long baseline = SocketFds.open();
        AtomicLong echoed = new AtomicLong();
        byte[] data = new byte[8 << 20];
        new Random(7).nextBytes(data);
        IoConfig zc = IoConfig.defaults(leaks.newPool()).withZeroCopyThreshold(1024);
        try (TcpTestSupport t = new TcpTestSupport(IoBackend.IO_URING, zc)) {
            TcpListener listener = t.listen();
            t.rt.spawn(AcceptLoop.echo(listener, echoed)).detach();
            try (Socket c = new Socket()) {
                c.setSoTimeout(30_000);
                c.connect(listener.localAddress());
                CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                    try {
                        c.getOutputStream().write(data);
                        c.shutdownOutput();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                byte[] back = c.getInputStream().readAllBytes();
                writer.get(30, TimeUnit.SECONDS);
                assertThat(Arrays.equals(back, data)).as("echo equals input").isTrue();
            }
            listener.close();
        }
        assertThat(SocketFds.awaitCount(baseline, 2000)).isEqualTo(baseline);
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void aReadUnderATimeoutElapsesAndReleasesTheSocket(IoBackend backend) throws Exception {
        long baseline = SocketFds.open();
        try (TcpTestSupport t = new TcpTestSupport(backend, leaks.newPool())) {
            TcpListener listener = t.listen();
            CompletableFuture<TcpStream> accepted = acceptOne(t, listener);
            try (Socket c = new Socket()) {
                c.setSoTimeout(10_000);
                c.connect(listener.localAddress());
                TcpStream s = accepted.get(10, TimeUnit.SECONDS);
                JoinHandle<Buffer> h = t.rt.spawn(new Future<Buffer>() {
                    final Future<Buffer> timed = dev.weft.runtime.time.Time.timeout(s.read(),
                            java.time.Duration.ofMillis(100));
                    boolean registered;

                    @Override
                    public Poll<Buffer> poll(Context cx) {
                        if (!registered) {
                            registered = true;
                            cx.registerCleanup(s::close);
                        }
                        return timed.poll(cx);
                    }
                });
                assertThatThrownBy(() -> t.rt.blockOn(h))
                        .satisfies(e -> assertThat(causeChainHas(e,
                                dev.weft.runtime.time.Elapsed.class)).isTrue());
                assertThat(s.isClosed()).isTrue();
                assertThat(c.getInputStream().read()).isEqualTo(-1);
            }
            listener.close();
        }
        assertThat(SocketFds.awaitCount(baseline, 2000)).isEqualTo(baseline);
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void aReaderThatDrainsInBurstsReceivesEverything(IoBackend backend) throws Exception {
        // The reader sleeps while the peer floods, then drains all it can in one poll: on
        // io_uring the inbox passes its high-water mark (the receive is paused by a cancel) and
        // the drain resumes it, often before the cancel's last CQE has arrived.
        long baseline = SocketFds.open();
        int total = 12 << 20;
        try (TcpTestSupport t = new TcpTestSupport(backend, leaks.newPool())) {
            TcpListener listener = t.listen();
            CompletableFuture<TcpStream> accepted = acceptOne(t, listener);
            try (Socket c = new Socket()) {
                c.setSoTimeout(30_000);
                c.connect(listener.localAddress());
                TcpStream s = accepted.get(10, TimeUnit.SECONDS);
                JoinHandle<Long> reader = t.rt.spawn(new Future<Long>() {
                    long got;
                    Future<Void> nap;

                    @Override
                    public Poll<Long> poll(Context cx) {
                        try {
                            while (true) {
                                if (nap != null) {
                                    if (nap.poll(cx) instanceof Poll.Pending) {
                                        return Poll.pending();
                                    }
                                    nap = null;
                                }
                                Buffer b;
                                int drained = 0;
                                while ((b = s.tryRead(cx)) != null) {
                                    got += b.readableBytes();
                                    b.release();
                                    drained++;
                                }
                                if (s.isEndOfStream()) {
                                    s.close();
                                    return Poll.ready(got);
                                }
                                if (drained == 0) {
                                    return Poll.pending();
                                }
                                nap = dev.weft.runtime.time.Time.sleep(java.time.Duration.ofMillis(5));
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                });
                byte[] chunk = new byte[256 * 1024];
                OutputStream out = c.getOutputStream();
                for (int sent = 0; sent < total; sent += chunk.length) {
                    out.write(chunk);
                }
                c.shutdownOutput();
                assertThat(t.rt.blockOn(reader)).isEqualTo(total);
            }
            listener.close();
        }
        assertThat(SocketFds.awaitCount(baseline, 2000)).isEqualTo(baseline);
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void reusePortLetsTwoListenersShareAPortAndStreamsKnowTheirAddresses(IoBackend backend)
            throws Exception {
        long baseline = SocketFds.open();
        try (TcpTestSupport t = new TcpTestSupport(backend, leaks.newPool())) {
            TcpOptions shared = TcpOptions.defaults().withReusePort(true).withKeepAlive(true);
            TcpListener first = t.run(TcpListener.bind(TcpTestSupport.ANY_LOOPBACK, shared));
            TcpListener second = t.run(TcpListener.bind(first.localAddress(), shared));
            assertThat(second.localAddress()).isEqualTo(first.localAddress());
            // Without SO_REUSEPORT the same port is refused with a BindException.
            JoinHandle<TcpListener> clash = t.rt.spawn(TcpListener.bind(first.localAddress()));
            assertThatThrownBy(() -> t.rt.blockOn(clash))
                    .satisfies(e -> assertThat(causeChainHas(e, java.net.BindException.class)).isTrue());
            CompletableFuture<TcpStream> accepted = acceptOne(t, first);
            CompletableFuture<TcpStream> acceptedToo = acceptOne(t, second);
            try (Socket c = new Socket()) {
                c.connect(first.localAddress());
                TcpStream s = CompletableFuture.anyOf(accepted, acceptedToo)
                        .thenApply(TcpStream.class::cast).get(10, TimeUnit.SECONDS);
                assertThat(s.localAddress()).isEqualTo(c.getRemoteSocketAddress());
                assertThat(s.remoteAddress()).isEqualTo(c.getLocalSocketAddress());
                s.setNoDelay(false);
                s.setKeepAlive(false);
                s.close();
                assertThatThrownBy(s::localAddress).isInstanceOf(SocketException.class)
                        .hasMessage("Socket closed");
            }
            first.close();
            second.close();
        }
        assertThat(SocketFds.awaitCount(baseline, 2000)).isEqualTo(baseline);
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void closingTheRuntimeMidWriteReleasesEveryBufferAndSocket(IoBackend backend) throws Exception {
        // Streams left open, a send stuck in the kernel (the peer never reads), cleanups that
        // close streams from whichever worker runs them while the drivers shut down: after
        // close() nothing is left, whichever driver stops first.
        long baseline = SocketFds.open();
        try (Socket c = new Socket()) {
            c.setReceiveBufferSize(4096);
            TcpTestSupport t = new TcpTestSupport(backend, leaks.newPool());
            try {
                TcpListener listener = t.listen();
                CompletableFuture<TcpStream> accepted = acceptOne(t, listener);
                c.connect(listener.localAddress());
                TcpStream s = accepted.get(10, TimeUnit.SECONDS);
                CompletableFuture<Void> blocked = new CompletableFuture<>();
                {
                    t.rt.spawn(new Future<Void>() {
                        Buffer chunk;

                        @Override
                        public Poll<Void> poll(Context cx) {
                            if (chunk == null) {
                                // Below the 64 KiB zero-copy threshold: a zero-copy send to a peer
                                // that never reads keeps its pages until the socket is gone.
                                chunk = t.pool.allocate(32768).setIndexes(0, 32768);
                                Buffer held = chunk;
                                cx.registerCleanup(() -> {
                                    held.release();
                                    s.close();
                                });
                            }
                            try {
                                while (s.tryWrite(cx, chunk) != TcpStream.PENDING) {
                                    chunk.setIndexes(0, 32768);
                                }
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                            blocked.complete(null);
                            return Poll.pending();
                        }
                    }).detach();
                }
                blocked.get(10, TimeUnit.SECONDS);
            } finally {
                t.close();
            }
        }
        assertThat(SocketFds.awaitCount(baseline, 2000)).as(SocketFds::describe).isEqualTo(baseline);
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void weftClientTalksToWeftServerWithGatherWrites(IoBackend backend) throws Exception {
        long baseline = SocketFds.open();
        AtomicLong echoed = new AtomicLong();
        try (TcpTestSupport t = new TcpTestSupport(backend, leaks.newPool())) {
            TcpListener listener = t.listen();
            t.rt.spawn(AcceptLoop.echo(listener, echoed)).detach();
            String got = t.run(new Future<String>() {
                TcpStream s;
                Future<TcpStream> connecting = TcpStream.connect(listener.localAddress());
                Future<Long> writing;
                Buffer[] parts;
                final StringBuilder received = new StringBuilder();

                @Override
                public Poll<String> poll(Context cx) {
                    try {
                        if (s == null) {
                            if (!(connecting.poll(cx) instanceof Poll.Ready<TcpStream> r)) {
                                return Poll.pending();
                            }
                            s = r.value();
                            parts = new Buffer[] {copy("header|"), copy("payload|"), copy("trailer")};
                            writing = s.writeAll(parts);
                        }
                        if (writing != null) {
                            if (writing.poll(cx) instanceof Poll.Pending) {
                                return Poll.pending();
                            }
                            writing = null;
                            for (Buffer b : parts) {
                                b.release();
                            }
                        }
                        while (received.length() < "header|payload|trailer".length()) {
                            if (!(s.pollRead(cx) instanceof Poll.Ready<Buffer> r)) {
                                return Poll.pending();
                            }
                            Buffer b = r.value();
                            received.append(new String(b.readBytes((int) b.readableBytes()),
                                    StandardCharsets.US_ASCII));
                            b.release();
                        }
                        s.close();
                        return Poll.ready(received.toString());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                Buffer copy(String text) {
                    return t.pool.allocate(64).writeBytes(text.getBytes(StandardCharsets.US_ASCII));
                }
            });
            assertThat(got).isEqualTo("header|payload|trailer");
            listener.close();
        }
        assertThat(SocketFds.awaitCount(baseline, 2000)).as(SocketFds::describe).isEqualTo(baseline);
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void halfCloseLetsTheServerAnswerAfterEndOfStream(IoBackend backend) throws Exception {
        long baseline = SocketFds.open();
        try (TcpTestSupport t = new TcpTestSupport(backend, leaks.newPool())) {
            TcpListener listener = t.listen();
            // Reads to end of stream, then writes how many bytes it got and closes.
            t.rt.spawn(new AcceptLoop(listener, s -> new CountThenAnswer(s, t))).detach();
            try (Socket c = new Socket()) {
                c.setSoTimeout(30_000);
                c.connect(listener.localAddress());
                c.getOutputStream().write(new byte[12345]);
                c.shutdownOutput();
                String answer = new String(c.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertThat(answer).isEqualTo("got 12345");
            }
            listener.close();
        }
        assertThat(SocketFds.awaitCount(baseline, 2000)).as(SocketFds::describe).isEqualTo(baseline);
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void peerResetFailsTheReadWithConnectionReset(IoBackend backend) throws Exception {
        long baseline = SocketFds.open();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (TcpTestSupport t = new TcpTestSupport(backend, leaks.newPool())) {
            TcpListener listener = t.listen();
            CompletableFuture<Void> done = new CompletableFuture<>();
            t.rt.spawn(new AcceptLoop(listener, s -> cx -> {
                try {
                    while (true) {
                        if (!(s.pollRead(cx) instanceof Poll.Ready<Buffer> r)) {
                            return Poll.pending();
                        }
                        if (r.value() == null) {
                            failure.set(new AssertionError("end of stream instead of a reset"));
                            break;
                        }
                        r.value().release();
                    }
                } catch (IOException e) {
                    failure.set(e);
                }
                s.close();
                done.complete(null);
                return Poll.ready(null);
            })).detach();
            try (Socket c = new Socket()) {
                c.setSoTimeout(30_000);
                c.connect(listener.localAddress());
                c.getOutputStream().write(1);
                Thread.sleep(50);
                c.setSoLinger(true, 0); // close sends RST
            }
            done.get(10, TimeUnit.SECONDS);
            listener.close();
        }
        assertThat(failure.get()).isInstanceOf(SocketException.class)
                .hasMessageContaining("reset");
        assertThat(SocketFds.awaitCount(baseline, 2000)).as(SocketFds::describe).isEqualTo(baseline);
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void connectToAClosedPortIsRefused(IoBackend backend) throws Exception {
        InetSocketAddress nobody;
        try (ServerSocket s = new ServerSocket(0, 1, TcpTestSupport.ANY_LOOPBACK.getAddress())) {
            nobody = (InetSocketAddress) s.getLocalSocketAddress();
        }
        // After the JDK's first ServerSocket: it keeps one socket open for the JVM's lifetime.
        long baseline = SocketFds.open();
        try (TcpTestSupport t = new TcpTestSupport(backend, leaks.newPool())) {
            JoinHandle<TcpStream> h = t.rt.spawn(TcpStream.connect(nobody));
            assertThatThrownBy(() -> t.rt.blockOn(h))
                    .satisfies(e -> assertThat(causeChainHas(e, ConnectException.class)).isTrue());
        }
        assertThat(SocketFds.awaitCount(baseline, 2000)).as(SocketFds::describe).isEqualTo(baseline);
    }

    private static boolean causeChainHas(Throwable e, Class<?> type) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void abortInTheMiddleOfAReadReleasesTheSocket(IoBackend backend) throws Exception {
        long baseline = SocketFds.open();
        try (TcpTestSupport t = new TcpTestSupport(backend, leaks.newPool())) {
            TcpListener listener = t.listen();
            CompletableFuture<TcpStream> accepted = acceptOne(t, listener);
            try (Socket c = new Socket()) {
                c.setSoTimeout(30_000);
                c.connect(listener.localAddress());
                TcpStream s = accepted.get(10, TimeUnit.SECONDS);
                CompletableFuture<Void> waiting = new CompletableFuture<>();
                JoinHandle<Void> reader = t.rt.spawn(new Future<Void>() {
                    boolean registered;

                    @Override
                    public Poll<Void> poll(Context cx) {
                        if (!registered) {
                            registered = true;
                            cx.registerCleanup(s::close);
                        }
                        try {
                            Poll<Buffer> p = s.pollRead(cx);
                            if (p instanceof Poll.Ready<Buffer> r) {
                                if (r.value() != null) {
                                    r.value().release();
                                }
                                throw new AssertionError("the peer sent nothing");
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        waiting.complete(null);
                        return Poll.pending();
                    }
                });
                waiting.get(10, TimeUnit.SECONDS);
                reader.abort();
                assertThatThrownBy(() -> t.rt.blockOn(reader)).isNotNull();
                assertThat(s.isClosed()).isTrue();
                // The peer sees the close as end of stream.
                assertThat(c.getInputStream().read()).isEqualTo(-1);
            }
            listener.close();
        }
        assertThat(SocketFds.awaitCount(baseline, 2000)).as(SocketFds::describe).isEqualTo(baseline);
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void aConnectFromALocalAddressComesFromThatAddress(IoBackend backend) throws Exception {
        long baseline = SocketFds.open();
        InetAddress source = InetAddress.getByName("127.0.0.2");
        try (TcpTestSupport t = new TcpTestSupport(backend, leaks.newPool())) {
            TcpListener listener = t.listen();
            for (int i = 0; i < 2; i++) {
                CompletableFuture<TcpStream> accepted = acceptOne(t, listener);
                TcpStream client = t.run(TcpStream.connect(listener.localAddress(),
                        TcpOptions.defaults().withLocalAddress(source)));
                TcpStream server = accepted.get(10, TimeUnit.SECONDS);
                assertThat(server.remoteAddress().getAddress()).isEqualTo(source);
                assertThat(client.localAddress()).isEqualTo(server.remoteAddress());
                assertThat(client.localAddress().getPort()).as("port chosen at connect").isNotZero();
                client.close();
                server.close();
            }
            listener.close();
        }
        assertThat(SocketFds.awaitCount(baseline, 2000)).as(SocketFds::describe).isEqualTo(baseline);
    }

    /** A task that accepts one connection and hands it to the test thread. */
    private static CompletableFuture<TcpStream> acceptOne(TcpTestSupport t, TcpListener listener) {
        CompletableFuture<TcpStream> accepted = new CompletableFuture<>();
        t.rt.spawn(cx -> {
            try {
                if (listener.pollAccept(cx) instanceof Poll.Ready<TcpStream> r) {
                    accepted.complete(r.value());
                    return Poll.ready(null);
                }
                return Poll.pending();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).detach();
        return accepted;
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void abortInTheMiddleOfAWriteReleasesBuffersAndSocket(IoBackend backend) throws Exception {
        long baseline = SocketFds.open();
        try (TcpTestSupport t = new TcpTestSupport(backend, leaks.newPool())) {
            TcpListener listener = t.listen();
            CompletableFuture<TcpStream> accepted = acceptOne(t, listener);
            try (Socket c = new Socket()) {
                c.setReceiveBufferSize(4096);
                c.connect(listener.localAddress());
                TcpStream s = accepted.get(10, TimeUnit.SECONDS);
                CompletableFuture<Void> blocked = new CompletableFuture<>();
                // The peer never reads: the writer fills both socket buffers and then waits.
                JoinHandle<Long> writer = t.rt.spawn(new Future<Long>() {
                    Buffer chunk;
                    long written;

                    @Override
                    public Poll<Long> poll(Context cx) {
                        if (chunk == null) {
                            chunk = t.pool.allocate(65536);
                            chunk.setIndexes(0, 65536);
                            Buffer held = chunk;
                            cx.registerCleanup(() -> {
                                held.release();
                                s.close();
                            });
                        }
                        try {
                            while (true) {
                                if (chunk.readableBytes() == 0) {
                                    chunk.setIndexes(0, 65536);
                                }
                                Poll<Long> p = s.pollWrite(cx, chunk);
                                if (!(p instanceof Poll.Ready<Long> r)) {
                                    blocked.complete(null);
                                    return Poll.pending();
                                }
                                written += r.value();
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                });
                blocked.get(10, TimeUnit.SECONDS);
                Thread.sleep(100);
                writer.abort();
                assertThatThrownBy(() -> t.rt.blockOn(writer)).isNotNull();
                listener.close();
            }
        }
        assertThat(SocketFds.awaitCount(baseline, 2000)).as(SocketFds::describe).isEqualTo(baseline);
    }

    /** Reads to end of stream, then answers "got N" and closes. */
    private static final class CountThenAnswer implements Future<Void> {
        private final TcpStream s;
        private final TcpTestSupport t;
        private long count;
        private Buffer answer;

        CountThenAnswer(TcpStream s, TcpTestSupport t) {
            this.s = s;
            this.t = t;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            try {
                while (answer == null) {
                    if (!(s.pollRead(cx) instanceof Poll.Ready<Buffer> r)) {
                        return Poll.pending();
                    }
                    if (r.value() == null) {
                        answer = t.pool.allocate(64).writeBytes(
                                ("got " + count).getBytes(StandardCharsets.US_ASCII));
                        break;
                    }
                    count += r.value().readableBytes();
                    r.value().release();
                }
                while (answer.readableBytes() > 0) {
                    if (s.pollWrite(cx, answer) instanceof Poll.Pending) {
                        return Poll.pending();
                    }
                }
                answer.release();
                s.close();
                return Poll.ready(null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
