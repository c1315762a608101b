package dev.weft.websocket.server;

import dev.weft.io.IoConfig;
import dev.weft.io.IoDrivers;
import dev.weft.io.IoSelection;
import dev.weft.io.TcpListener;
import dev.weft.io.TcpOptions;
import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import dev.weft.runtime.Runtime;
import dev.weft.websocket.deflate.PerMessageDeflate;
import dev.weft.websocket.session.WebSocketHandler;
import dev.weft.websocket.session.WebSocketOptions;
import dev.weft.websocket.session.WebSocketSession;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./weft echo --port N [--io=auto|io_uring|epoll|nio] [--workers N]}: a WebSocket echo
 * server on every path. Each text and binary message goes back unchanged (the received buffer
 * itself, no copy); permessage-deflate is offered. Prints {@code LISTENING <port> <backend>} and
 * the backend selection line once accepting; SIGTERM (or Ctrl-C) closes the listener and the
 * runtime, which closes every connection.
 */
public final class EchoServerMain {

    /** Echoes every message as it came. */
    static final WebSocketHandler ECHO = new WebSocketHandler() {
        @Override
        public void onText(WebSocketSession session, Buffer utf8) {
            session.sendText(utf8.retain());
        }

        @Override
        public void onBinary(WebSocketSession session, Buffer data) {
            session.sendBinary(data.retain());
        }
    };

    private EchoServerMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = 9001;
        String io = "auto";
        int workers = java.lang.Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--port") && i + 1 < args.length) {
                port = Integer.parseInt(args[++i]);
            } else if (a.startsWith("--port=")) {
                port = Integer.parseInt(a.substring("--port=".length()));
            } else if (a.startsWith("--io=")) {
                io = a.substring("--io=".length());
            } else if (a.equals("--io") && i + 1 < args.length) {
                io = args[++i];
            } else if (a.startsWith("--workers=")) {
                workers = Integer.parseInt(a.substring("--workers=".length()));
            } else if (a.equals("--workers") && i + 1 < args.length) {
                workers = Integer.parseInt(args[++i]);
            } else {
                System.err.println("usage: echo --port N [--io=auto|io_uring|epoll|nio] [--workers N]");
                System.exit(2);
            }
        }
        IoSelection selection = IoDrivers.select(io);
        BufferPool pool = new BufferPool();
        Runtime rt = Runtime.builder().workers(workers).threadName("echo")
                .drivers(IoDrivers.factory(selection.backend(), IoConfig.defaults(pool))).build();
        WebSocketOptions options = WebSocketOptions.defaults().withDeflate(PerMessageDeflate.defaults());
        WebSocketServer server = WebSocketServer.builder(pool).options(options).handler(ECHO).build();
        TcpListener listener = rt.blockOn(rt.spawn(
                server.listen(new InetSocketAddress(port), TcpOptions.defaults())));
        CountDownLatch stopped = new CountDownLatch(1);
        java.lang.Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            listener.close();
            rt.close();
            stopped.countDown();
        }, "echo-shutdown"));
        System.out.println("LISTENING " + listener.localAddress().getPort() + " " + selection.backend().label());
        System.out.println(selection);
        System.out.flush();
        stopped.await();
    }
}
