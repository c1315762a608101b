package dev.weft.io.linux;

/**
 * The errno values the driver names, mirroring {@code include/uapi/asm-generic/errno-base.h}
 * and {@code errno.h} (x86-64 and aarch64 share them); messages are glibc's
 * {@code strerror} texts (a test checks each against this machine's libc):
 * https://github.com/torvalds/linux/blob/master/include/uapi/asm-generic/errno-base.h
 * https://github.com/torvalds/linux/blob/master/include/uapi/asm-generic/errno.h
 *
 * <p>A value not listed here is described with libc's {@code strerror} by
 * {@link #describe(int)}.
 */
public enum Errno {
    EPERM(1, "Operation not permitted"),
    ENOENT(2, "No such file or directory"),
    EINTR(4, "Interrupted system call"),
    EIO(5, "Input/output error"),
    EBADF(9, "Bad file descriptor"),
    EAGAIN(11, "Resource temporarily unavailable"),
    ENOMEM(12, "Cannot allocate memory"),
    EACCES(13, "Permission denied"),
    EFAULT(14, "Bad address"),
    EBUSY(16, "Device or resource busy"),
    EEXIST(17, "File exists"),
    EINVAL(22, "Invalid argument"),
    ENFILE(23, "Too many open files in system"),
    EMFILE(24, "Too many open files"),
    ENOSPC(28, "No space left on device"),
    EPIPE(32, "Broken pipe"),
    ENOSYS(38, "Function not implemented"),
    ETIME(62, "Timer expired"),
    EOVERFLOW(75, "Value too large for defined data type"),
    ENOTSOCK(88, "Socket operation on non-socket"),
    EOPNOTSUPP(95, "Operation not supported"),
    EADDRINUSE(98, "Address already in use"),
    EADDRNOTAVAIL(99, "Cannot assign requested address"),
    ENETUNREACH(101, "Network is unreachable"),
    ECONNABORTED(103, "Software caused connection abort"),
    ECONNRESET(104, "Connection reset by peer"),
    ENOBUFS(105, "No buffer space available"),
    EISCONN(106, "Transport endpoint is already connected"),
    ENOTCONN(107, "Transport endpoint is not connected"),
    ETIMEDOUT(110, "Connection timed out"),
    ECONNREFUSED(111, "Connection refused"),
    EALREADY(114, "Operation already in progress"),
    EINPROGRESS(115, "Operation now in progress"),
    ECANCELED(125, "Operation canceled");

    /** Larger than every errno value the kernel defines (they end below 135). */
    private static final int TABLE_SIZE = 256;
    private static final Errno[] BY_NUMBER = new Errno[TABLE_SIZE];

    static {
        for (Errno e : values()) {
            BY_NUMBER[e.number] = e;
        }
    }

    private final int number;
    private final String message;

    Errno(int number, String message) {
        this.number = number;
        this.message = message;
    }

    /** The positive errno value. */
    public int number() {
        return number;
    }

    /** glibc's {@code strerror} text. */
    public String message() {
        return message;
    }

    /** The negated value, as syscalls here and io_uring CQEs report it. */
    public int negated() {
        return -number;
    }

    /** Whether {@code result} (a {@code -errno} style result) is this error. */
    public boolean is(long result) {
        return result == -number;
    }

    /** The constant for a positive errno value, or {@code null} when it is not listed. */
    public static Errno ofOrNull(int number) {
        return number > 0 && number < TABLE_SIZE ? BY_NUMBER[number] : null;
    }

    /** The symbolic name: {@code "EPERM"}, or {@code "errno 200"} for an unlisted value. */
    public static String nameOf(int number) {
        Errno e = ofOrNull(number);
        return e != null ? e.name() : "errno " + number;
    }

    /** {@code "EPERM (Operation not permitted)"}; unlisted values ask libc's strerror. */
    public static String describe(int number) {
        Errno e = ofOrNull(number);
        return e != null
                ? e.name() + " (" + e.message + ")"
                : "errno " + number + " (" + Syscalls.strerror(number) + ")";
    }
}
