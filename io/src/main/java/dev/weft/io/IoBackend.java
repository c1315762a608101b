package dev.weft.io;

import java.util.Locale;

/** The kernel interface a worker's driver uses for I/O; chosen with {@code --io=}. */
public enum IoBackend {
    /** Completion-based: rings shared with the kernel (Linux 5.19+ for every feature used). */
    IO_URING("io_uring"),
    /** Readiness-based: one epoll instance per worker, edge-triggered (Linux). */
    EPOLL("epoll"),
    /** Readiness-based through the JDK's {@code Selector}: any operating system. */
    NIO("nio");

    private final String label;

    IoBackend(String label) {
        this.label = label;
    }

    /** The name used by {@code --io=} and in logs. */
    public String label() {
        return label;
    }

    /** The backend named {@code label} ({@code io_uring}, {@code epoll}, {@code nio}). */
    public static IoBackend fromLabel(String label) {
        String l = label.toLowerCase(Locale.ROOT);
        for (IoBackend b : values()) {
            if (b.label.equals(l)) {
                return b;
            }
        }
        throw new IllegalArgumentException(
                "unknown I/O backend '" + label + "': expected auto, io_uring, epoll or nio");
    }
}
