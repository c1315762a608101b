package dev.weft.bench.peers;

/**
 * Command line shared by every comparison server:
 * {@code --port N} (0 = ephemeral), {@code --transport epoll|io_uring|nio},
 * {@code --threads N} (default: available processors) and, for WebSocket servers,
 * {@code --compression} (offer permessage-deflate), {@code --reuse-port} (SO_REUSEPORT on the
 * listener, so several server processes can share one port).
 *
 * @param port TCP port to bind on all interfaces; 0 lets the kernel pick one
 * @param transport I/O transport; {@code null} when not given, so each server picks its default
 * @param threads event-loop threads (Netty) or virtual-thread carriers (JDK)
 * @param compression whether WebSocket servers negotiate permessage-deflate
 * @param reusePort whether the listener sets SO_REUSEPORT
 */
public record PeerOptions(int port, Transport transport, int threads, boolean compression, boolean reusePort) {

    public PeerOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be in 0..65535; was " + port);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1; was " + threads);
        }
    }

    public static PeerOptions parse(String[] args) {
        int port = 0;
        Transport transport = null;
        int threads = Runtime.getRuntime().availableProcessors();
        boolean compression = false;
        boolean reusePort = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = parseInt("--port", valueOf(args, ++i, "--port"));
                case "--transport" -> transport = Transport.parse(valueOf(args, ++i, "--transport"));
                case "--threads" -> threads = parseInt("--threads", valueOf(args, ++i, "--threads"));
                case "--compression" -> compression = true;
                case "--reuse-port" -> reusePort = true;
                default -> throw new IllegalArgumentException("unknown option '" + args[i]
                        + "'; usage: --port N --transport epoll|io_uring|nio --threads N [--compression] [--reuse-port]");
            }
        }
        return new PeerOptions(port, transport, threads, compression, reusePort);
    }

    /** The transport given, or {@code fallback} when none was. */
    public Transport transportOr(Transport fallback) {
        return transport == null ? fallback : transport;
    }

    private static String valueOf(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int parseInt(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number; was '" + value + "'");
        }
    }
}
