package dev.weft.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.io.buffer.LeakCheck;
import dev.weft.io.linux.Errno;
import dev.weft.io.uring.IoUringProbe;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code --io=} resolution: auto's fallbacks with their reasons, and explicit choices. */
class IoDriversTest {
    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    private static final Supplier<IoUringProbe.Result> REFUSED = () -> new IoUringProbe.Unavailable(
            "io_uring_setup: Operation not permitted (seccomp filter)", Errno.EPERM.number(),
            "6.1.0", Optional.empty());

    @Test
    void autoTakesIoUringWhenTheProbeSucceedsHere() {
        IoSelection s = IoDrivers.select("auto", IoUringProbe::probe, true);
        // This machine allows io_uring (IoUringProbeTest checks that separately).
        assertThat(s.backend()).isEqualTo(IoBackend.IO_URING);
        assertThat(s.reason()).contains("io_uring available");
    }

    @Test
    void autoFallsBackToEpollAndSaysWhyWhenIoUringIsRefused() throws Exception {
        IoSelection s = IoDrivers.select("auto", REFUSED, true);
        assertThat(s.backend()).isEqualTo(IoBackend.EPOLL);
        assertThat(s.reason()).contains("Operation not permitted").contains("falling back to epoll");
        // And the fallback serves connections.
        AtomicLong echoed = new AtomicLong();
        try (TcpTestSupport t = new TcpTestSupport(s.backend(), leaks.newPool())) {
            TcpListener listener = t.listen();
            t.rt.spawn(AcceptLoop.echo(listener, echoed)).detach();
            try (Socket c = new Socket()) {
                c.setSoTimeout(10_000);
                c.connect(listener.localAddress());
                c.getOutputStream().write(7);
                assertThat(c.getInputStream().read()).isEqualTo(7);
            }
            listener.close();
        }
    }

    @Test
    void autoOffLinuxTakesNio() {
        assertThat(IoDrivers.select("auto", REFUSED, false).backend()).isEqualTo(IoBackend.NIO);
    }

    @Test
    void explicitIoUringRefusedHereFailsWithTheReason() {
        assertThatThrownBy(() -> IoDrivers.select("io_uring", REFUSED, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Operation not permitted")
                .hasMessageContaining("--io=epoll");
    }

    @Test
    void explicitChoicesAndUnknownNames() {
        assertThat(IoDrivers.select("EPOLL", REFUSED, true).backend()).isEqualTo(IoBackend.EPOLL);
        assertThat(IoDrivers.select("nio", REFUSED, true).backend()).isEqualTo(IoBackend.NIO);
        assertThatThrownBy(() -> IoDrivers.select("kqueue", REFUSED, true))
                .hasMessageContaining("unknown I/O backend 'kqueue'");
        assertThatThrownBy(() -> IoDrivers.select("epoll", REFUSED, false))
                .hasMessageContaining("needs Linux");
    }
}
