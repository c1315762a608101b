package dev.weft.io.linux;

import java.io.IOException;

/**
 * A failed Linux call: the call's name and the errno, with a message such as
 * {@code "io_uring_setup: EPERM (Operation not permitted)"}.
 */
public final class LinuxException extends IOException {
    private final String call;
    private final int errno;

    public LinuxException(String call, int errno) {
        super(call + ": " + Errno.describe(errno));
        this.call = call;
        this.errno = errno;
    }

    /**
     * Returns {@code result} when it is non-negative, else throws for {@code -result}.
     *
     * @param call the name shown in the message, e.g. {@code "io_uring_setup"}
     * @param result a {@code -errno} style result from {@link Syscalls}
     */
    public static long check(String call, long result) throws LinuxException {
        if (result < 0) {
            throw new LinuxException(call, (int) -result);
        }
        return result;
    }

    /** {@link #check} for calls whose result is an int (fds, counts). */
    public static int checkInt(String call, long result) throws LinuxException {
        return (int) check(call, result);
    }

    /** The failed call's name. */
    public String call() {
        return call;
    }

    /** The positive errno value. */
    public int errno() {
        return errno;
    }

    /** The errno constant, or {@code null} when {@link Errno} does not list it. */
    public Errno errnoOrNull() {
        return Errno.ofOrNull(errno);
    }

    /** {@code "EPERM"}, or {@code "errno 200"} for an unlisted value. */
    public String errnoName() {
        return Errno.nameOf(errno);
    }
}
