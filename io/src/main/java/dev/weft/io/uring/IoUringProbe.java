package dev.weft.io.uring;

import dev.weft.io.linux.Arch;
import dev.weft.io.linux.Errno;
import dev.weft.io.linux.LinuxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether io_uring can be used here, and why not: sets up a small ring with the preferred
 * flags, reports what the kernel accepted, and closes it. This is what {@code --io=auto} logs.
 *
 * <p>Refusals that are normal: {@code EPERM} (a seccomp profile, as Docker's default, or
 * {@code kernel.io_uring_disabled=2}, or =1 without membership of
 * {@code kernel.io_uring_group}), {@code ENOSYS} (kernel built without io_uring, or a filter
 * answering ENOSYS), {@code EACCES} (an LSM policy).
 */
public final class IoUringProbe {
    private static final int PROBE_SQ_ENTRIES = 8;
    private static final int PROBE_CQ_ENTRIES = 16;
    private static final Path IO_URING_DISABLED = Path.of("/proc/sys/kernel/io_uring_disabled");
    private static final Path OS_RELEASE = Path.of("/proc/sys/kernel/osrelease");

    private IoUringProbe() {}

    /** The outcome: usable with its setup report, or refused with the reason. */
    public sealed interface Result permits Available, Unavailable {
        /** Kernel release, e.g. {@code "6.18.44"}, or {@code "unknown"}. */
        String kernelRelease();

        /** {@code kernel.io_uring_disabled} (0, 1 or 2) when the sysctl exists. */
        Optional<Integer> ioUringDisabledSysctl();

        /** One line for the {@code --io=auto} log. */
        String describe();
    }

    public record Available(SetupReport setup, String kernelRelease,
                            Optional<Integer> ioUringDisabledSysctl) implements Result {
        @Override
        public String describe() {
            return "io_uring available on Linux " + kernelRelease + ": " + setup;
        }
    }

    /**
     * @param errno the positive errno from {@code io_uring_setup} (or the mmap that failed),
     *     or 0 when no call was made (unsupported platform)
     */
    public record Unavailable(String reason, int errno, String kernelRelease,
                              Optional<Integer> ioUringDisabledSysctl) implements Result {
        /** The errno constant, if {@link Errno} lists it. */
        public Optional<Errno> errnoConstant() {
            return Optional.ofNullable(Errno.ofOrNull(errno));
        }

        @Override
        public String describe() {
            return "io_uring unavailable on Linux " + kernelRelease + ": " + reason;
        }
    }

    /** Probes this machine; never throws for a refusal. */
    public static Result probe() {
        String release = readSysctl(OS_RELEASE).orElse("unknown");
        Optional<Integer> disabled = readSysctl(IO_URING_DISABLED).flatMap(IoUringProbe::parse);
        try {
            Arch.current();
        } catch (UnsupportedOperationException e) {
            return new Unavailable(e.getMessage(), 0, release, disabled);
        }
        try (IoUring ring = IoUring.open(PROBE_SQ_ENTRIES, PROBE_CQ_ENTRIES)) {
            return new Available(ring.setup(), release, disabled);
        } catch (LinuxException e) {
            return new Unavailable(e.getMessage() + hint(e.errno(), disabled), e.errno(),
                    release, disabled);
        }
    }

    private static String hint(int errno, Optional<Integer> disabled) {
        String sysctl = disabled.map(v -> "; kernel.io_uring_disabled=" + v).orElse("");
        Errno e = Errno.ofOrNull(errno);
        if (e == null) {
            return sysctl;
        }
        return switch (e) {
            case EPERM -> " (seccomp filter, io_uring_disabled sysctl or missing "
                    + "io_uring_group membership" + sysctl + ")";
            case ENOSYS -> " (kernel without io_uring, or a filter answering ENOSYS" + sysctl + ")";
            case EACCES -> " (denied by a security module" + sysctl + ")";
            default -> sysctl;
        };
    }

    private static Optional<String> readSysctl(Path path) {
        try {
            return Optional.of(Files.readString(path).trim());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> parse(String value) {
        try {
            return Optional.of(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
