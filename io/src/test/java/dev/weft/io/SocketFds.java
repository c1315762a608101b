package dev.weft.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Counts this process's open socket fds (through /proc/self/fd). */
final class SocketFds {
    static {
        // The JDK keeps a socket open for the JVM's lifetime after its first server socket
        // (seen on the first ServerSocket and the first ServerSocketChannel): open those once
        // here, so baselines taken later are stable.
        try (var a = new java.net.ServerSocket(0);
             var b = java.nio.channels.ServerSocketChannel.open()) {
            b.bind(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SocketFds() {}

    static long open() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.filter(SocketFds::isSocket).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The open socket fds, e.g. {@code "7 -> socket:[123]"}, for failure messages. */
    static String describe() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.filter(SocketFds::isSocket).map(p -> {
                try {
                    return p.getFileName() + " -> " + Files.readSymbolicLink(p);
                } catch (IOException e) {
                    return p.getFileName() + " -> ?";
                }
            }).sorted().toList().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isSocket(Path p) {
        try {
            return Files.readSymbolicLink(p).toString().startsWith("socket:");
        } catch (IOException e) {
            return false; // closed while listing
        }
    }

    /** Waits up to {@code millis} for the count to reach {@code expected}; returns the last count. */
    static long awaitCount(long expected, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        long n = open();
        while (n != expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
            n = open();
        }
        return n;
    }
}
