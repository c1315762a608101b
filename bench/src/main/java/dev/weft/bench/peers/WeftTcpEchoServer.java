package dev.weft.bench.peers;

import dev.weft.io.IoConfig;
import dev.weft.io.IoDrivers;
import dev.weft.io.IoSelection;
import dev.weft.bench.loadgen.OpenFilesBudget;
import dev.weft.io.TcpListener;
import dev.weft.io.TcpOptions;
import dev.weft.io.TcpStream;
import dev.weft.io.buffer.BufferPool;
import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Runtime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Raw TCP echo on Weft: a runtime whose workers each own an I/O driver, one accept loop, and
 * per connection a {@link WeftEchoConnection} task. Same contract as the other comparison
 * servers: {@code LISTENING <port> <backend>} on stdout when ready, SIGTERM stops it (exit
 * 143), a bad option or an unavailable backend ends with status 2.
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar dev.weft.bench.peers.WeftTcpEchoServer --port 0 --io io_uring</pre>
 */
@Command(name = "WeftTcpEchoServer", mixinStandardHelpOptions = true,
        description = "Raw TCP echo on Weft's runtime and I/O drivers.")
public final class WeftTcpEchoServer implements Callable<Integer> {

    @Option(names = "--port", description = "TCP port on all interfaces; 0 = ephemeral (default ${DEFAULT-VALUE})")
    int port = 0;

    @Option(names = {"--io", "--transport"}, description = "auto, io_uring, epoll or nio (default ${DEFAULT-VALUE})")
    String io = "auto";

    @Option(names = "--threads", description = "runtime workers, each with its own I/O driver (default: available processors)")
    int threads = java.lang.Runtime.getRuntime().availableProcessors();

    @Option(names = "--reuse-port", description = "SO_REUSEPORT on the listener, so several server processes share the port")
    boolean reusePort;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new WeftTcpEchoServer());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println("WeftTcpEchoServer: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1; was " + threads);
        }
        OpenFilesBudget.raise();   // every connection is a descriptor: hold as many as the hard limit allows
        IoSelection selection = IoDrivers.select(io);   // logs the choice and why
        BufferPool pool = new BufferPool();
        Runtime rt = Runtime.builder().workers(threads).threadName("echo-" + selection.backend().label())
                .drivers(IoDrivers.factory(selection.backend(), IoConfig.defaults(pool)))
                .shutdownTimeout(Duration.ofSeconds(2)).build();
        TcpListener listener = rt.blockOn(rt.spawn(TcpListener.bind(new InetSocketAddress(port),
                TcpOptions.defaults().withReusePort(reusePort))));
        // SIGTERM: closing the listener ends the accept loop; closing the runtime aborts the connections.
        java.lang.Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            listener.close();
            rt.close();
        }, "echo-shutdown"));
        Peers.printListening(listener.localAddress().getPort(), Transport.parse(selection.backend().label()));
        try {
            rt.blockOn(rt.spawn(new AcceptLoop(listener)));
        } catch (RuntimeException e) {
            if (!rt.isClosed()) {
                throw e;
            }
        }
        // The hook is running: park until it ends the JVM, so main does not race it.
        Thread.currentThread().join();
        return 0;
    }

    /** Accepts until the listener closes, spawning one detached echo task per connection. */
    private static final class AcceptLoop implements Future<Void> {
        private final TcpListener listener;

        AcceptLoop(TcpListener listener) {
            this.listener = listener;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            while (true) {
                Poll<TcpStream> p;
                try {
                    p = listener.pollAccept(cx);
                } catch (IOException e) {
                    if (listener.isClosed()) {
                        return Poll.readyVoid();
                    }
                    // EMFILE and the like: the listener stays open; report and keep accepting.
                    System.err.println("accept failed: " + e);
                    return cx.yieldNow();
                }
                if (!(p instanceof Poll.Ready<TcpStream> r)) {
                    return Poll.pending();
                }
                Runtime.current().spawn(new WeftEchoConnection(r.value())).detach();
            }
        }
    }
}
