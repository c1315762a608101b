package dev.weft.io.epoll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Lists and counts this process's open file descriptors through /proc/self/fd. */
final class Fds {
    private Fds() {}

    /** Each open fd with its target, e.g. {@code "7 -> anon_inode:[eventpoll]"}. */
    static java.util.List<String> describe() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.map(p -> {
                try {
                    return p.getFileName() + " -> " + Files.readSymbolicLink(p);
                } catch (IOException e) {
                    return p.getFileName() + " -> ?";
                }
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Open fds that are anonymous inodes (io_uring rings, eventfds, epoll instances): what the
     * drivers create. Files, jars, pipes and sockets the JVM opens and closes on its own are not
     * counted, so a count taken around a test is not disturbed by them.
     */
    static long open() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.filter(Fds::isAnonInode).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isAnonInode(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString().startsWith("anon_inode:");
        } catch (IOException e) {
            return false; // closed between the listing and the read
        }
    }
}
