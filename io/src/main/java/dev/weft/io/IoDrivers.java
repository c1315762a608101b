package dev.weft.io;

import dev.weft.io.epoll.EpollIoDriver;
import dev.weft.io.nio.NioIoDriver;
import dev.weft.io.uring.IoUringIoDriver;
import dev.weft.io.uring.IoUringProbe;
import dev.weft.runtime.driver.DriverFactory;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Chooses and creates the I/O drivers of a runtime: {@code --io=auto|io_uring|epoll|nio}.
 *
 * <p>{@code auto} takes io_uring when a probe ring can be set up, else epoll on Linux, else NIO.
 * A refusal of io_uring_setup is normal in many containers (Docker's default seccomp profile
 * answers EPERM; {@code kernel.io_uring_disabled=2} too), so it falls back and says why, with
 * the errno, instead of failing. An explicit backend that cannot work here fails at start with
 * that reason.
 */
public final class IoDrivers {
    private static final System.Logger LOG = System.getLogger("dev.weft.io");

    private IoDrivers() {}

    /** Resolves {@code mode} on this machine and logs the choice. */
    public static IoSelection select(String mode) {
        IoSelection s = select(mode, IoUringProbe::probe, isLinux());
        LOG.log(System.Logger.Level.INFO, s.toString());
        return s;
    }

    /**
     * Resolves {@code mode} with {@code probe} standing in for the io_uring probe (tests
     * simulate a refusal with it).
     */
    public static IoSelection select(String mode, Supplier<IoUringProbe.Result> probe, boolean linux) {
        String m = mode.toLowerCase(Locale.ROOT);
        if (m.equals("auto")) {
            if (!linux) {
                return new IoSelection(IoBackend.NIO, "auto: not Linux ("
                        + System.getProperty("os.name") + "), so the JDK selector");
            }
            IoUringProbe.Result r = probe.get();
            if (r instanceof IoUringProbe.Available a) {
                return new IoSelection(IoBackend.IO_URING, "auto: " + a.describe());
            }
            return new IoSelection(IoBackend.EPOLL, "auto: " + r.describe()
                    + "; falling back to epoll");
        }
        IoBackend b = IoBackend.fromLabel(m);
        if (b == IoBackend.IO_URING) {
            if (!linux) {
                throw new IllegalArgumentException("--io=io_uring needs Linux; use --io=auto or nio");
            }
            if (probe.get() instanceof IoUringProbe.Unavailable u) {
                throw new IllegalArgumentException("--io=io_uring: " + u.describe()
                        + "; use --io=auto or --io=epoll");
            }
        }
        if (b == IoBackend.EPOLL && !linux) {
            throw new IllegalArgumentException("--io=epoll needs Linux; use --io=auto or nio");
        }
        return new IoSelection(b, "asked for " + b.label());
    }

    /** The driver factory of {@code backend}, one driver per worker. */
    public static DriverFactory factory(IoBackend backend, IoConfig config) {
        return switch (backend) {
            case IO_URING -> IoUringIoDriver.factory(config.pool(), config.readBufferSize(),
                    config.bufferRingEntries(), config.zeroCopyThreshold());
            case EPOLL -> EpollIoDriver.factory(config.pool(), config.readBufferSize());
            case NIO -> NioIoDriver.factory(config.pool(), config.readBufferSize());
        };
    }

    static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
    }
}
