package dev.weft.io.uring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.io.linux.Errno;
import org.junit.jupiter.api.Test;

class IoUringProbeTest {

    @Test
    void probeGivesAClearAnswerOnThisMachine() {
        IoUringProbe.Result result = IoUringProbe.probe();
        System.out.println("[IoUringProbe] " + result.describe());

        switch (result) {
            case IoUringProbe.Available a -> {
                assertThat(a.setup().features()).as("a kernel with io_uring reports features")
                        .isNotZero();
                assertThat(a.describe()).contains("flags=").contains("features=");
            }
            case IoUringProbe.Unavailable u -> {
                assertThat(u.errnoConstant()).as("refusal errno %d is a recognised one: %s",
                        u.errno(), u.reason())
                        .hasValueSatisfying(e -> assertThat(e)
                                .isIn(Errno.EPERM, Errno.ENOSYS, Errno.EACCES, Errno.ENOMEM));
                assertThat(u.reason()).startsWith("io_uring_setup: " + Errno.nameOf(u.errno()));
            }
        }
    }

    @Test
    void probeReadsKernelRelease() {
        assertThat(IoUringProbe.probe().kernelRelease()).isNotEqualTo("unknown");
    }
}
