package dev.weft.bench.io;

import dev.weft.io.IoBackend;
import dev.weft.io.IoConfig;
import dev.weft.io.IoDrivers;
import dev.weft.io.TcpListener;
import dev.weft.io.TcpStream;
import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Runtime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One echo round trip through a Weft TCP server over loopback, per backend: the benchmark
 * thread writes {@code size} bytes on a blocking JDK socket and reads them back. Its purpose is
 * {@code -prof gc}: the bytes allocated per echoed message by the server's steady state (the
 * JDK client allocates nothing per round trip here), whose goal is zero. Time per op is
 * dominated by two loopback wake-ups and is not the CPU-per-message figure (the load generator
 * measures that).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class TcpEchoRoundTrip {

    @Param({"io_uring", "epoll", "nio"})
    public String io;

    @Param({"64", "4096"})
    public int size;

    private Runtime rt;
    private BufferPool pool;
    private TcpListener listener;
    private SocketChannel client;
    private ByteBuffer message;
    private ByteBuffer reply;

    @Setup
    public void setUp() throws IOException {
        pool = new BufferPool();
        rt = Runtime.builder().workers(1).threadName("echo-" + io)
                .drivers(IoDrivers.factory(IoBackend.fromLabel(io), IoConfig.defaults(pool)))
                .build();
        listener = rt.blockOn(rt.spawn(TcpListener.bind(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))));
        rt.spawn(new AcceptAndEcho(listener)).detach();
        client = SocketChannel.open(listener.localAddress());
        client.setOption(StandardSocketOptions.TCP_NODELAY, true);
        message = ByteBuffer.allocateDirect(size);
        reply = ByteBuffer.allocateDirect(size);
    }

    @Benchmark
    public int roundTrip() throws IOException {
        message.clear();
        while (message.hasRemaining()) {
            client.write(message);
        }
        reply.clear();
        while (reply.hasRemaining()) {
            if (client.read(reply) < 0) {
                throw new IOException("server closed");
            }
        }
        return reply.position();
    }

    @TearDown
    public void tearDown() throws IOException {
        client.close();
        listener.close();
        rt.close();
        pool.close();
    }

    /** Accepts connections and echoes each: one buffer in hand at a time, nothing allocated. */
    static final class AcceptAndEcho implements Future<Void> {
        private final TcpListener listener;

        AcceptAndEcho(TcpListener listener) {
            this.listener = listener;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            try {
                while (listener.pollAccept(cx) instanceof Poll.Ready<TcpStream> r) {
                    Runtime.current().spawn(new Echo(r.value())).detach();
                }
                return Poll.pending();
            } catch (IOException e) {
                return Poll.readyVoid();
            }
        }
    }

    static final class Echo implements Future<Void> {
        private final TcpStream stream;
        private Buffer inHand;

        Echo(TcpStream stream) {
            this.stream = stream;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            try {
                while (true) {
                    if (inHand != null) {
                        if (stream.tryWrite(cx, inHand) == TcpStream.PENDING) {
                            return Poll.pending();
                        }
                        if (inHand.readableBytes() > 0) {
                            continue;
                        }
                        inHand.release();
                        inHand = null;
                    }
                    Buffer b = stream.tryRead(cx);
                    if (b == null) {
                        if (stream.isEndOfStream()) {
                            stream.close();
                            return Poll.readyVoid();
                        }
                        return Poll.pending();
                    }
                    inHand = b;
                }
            } catch (IOException e) {
                if (inHand != null) {
                    inHand.release();
                }
                stream.close();
                throw new UncheckedIOException(e);
            }
        }
    }
}
