package dev.weft.bench.peers;

/** What every comparison server's {@code main} shares: the ready line and how a bad start ends. */
final class Peers {

    private Peers() {}

    /** The one line a harness waits for; printed once the server accepts connections. */
    static void printListening(int port, Transport transport) {
        System.out.println("LISTENING " + port + " " + transport.cliName());
        System.out.flush();
    }

    /**
     * Runs {@code server} with the parsed options; a bad option or an unavailable transport
     * ends the JVM with status 2 and one line on stderr, not a stack trace.
     */
    static void run(String name, String[] args, ThrowingConsumer server) {
        PeerOptions options;
        try {
            options = PeerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            fail(name, e.getMessage());
            return;
        }
        try {
            server.accept(options);
        } catch (TransportUnavailableException | IllegalArgumentException e) {
            fail(name, e.getMessage());
        } catch (Exception e) {
            System.err.println(name + ": " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void fail(String name, String message) {
        System.err.println(name + ": " + message);
        System.exit(2);
    }

    /** A server body; may throw what binding or waiting throws. */
    @FunctionalInterface
    interface ThrowingConsumer {
        void accept(PeerOptions options) throws Exception;
    }
}
