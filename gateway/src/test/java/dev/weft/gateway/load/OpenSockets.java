package dev.weft.gateway.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Counts this process's open sockets from {@code /proc/self/fd}, for leak checks. */
final class OpenSockets {
    private OpenSockets() {}

    static long count() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(OpenSockets::isSocket).count();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc/self/fd", e);
        }
    }

    /** Waits up to {@code millis} for the count to fall to {@code target}; returns the last count. */
    static long awaitAtMost(long target, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        long n = count();
        while (n > target && System.nanoTime() < deadline) {
            Thread.sleep(20);
            n = count();
        }
        return n;
    }

    private static boolean isSocket(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString().startsWith("socket:");
        } catch (IOException e) {
            return false; // closed while listing
        }
    }
}
