package dev.weft.bench.peers;

/** The I/O transport a comparison server runs on, named as on the command line. */
public enum Transport {
    EPOLL("epoll"),
    IO_URING("io_uring"),
    NIO("nio");

    private final String cliName;

    Transport(String cliName) {
        this.cliName = cliName;
    }

    /** The name used by {@code --transport} and printed in the {@code LISTENING} line. */
    public String cliName() {
        return cliName;
    }

    public static Transport parse(String name) {
        for (Transport t : values()) {
            if (t.cliName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException(
                "--transport must be one of epoll, io_uring, nio; was '" + name + "'");
    }
}
