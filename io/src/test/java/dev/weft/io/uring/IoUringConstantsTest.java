package dev.weft.io.uring;

import static dev.weft.io.uring.IoUringConstants.IORING_SETUP_COOP_TASKRUN;
import static dev.weft.io.uring.IoUringConstants.IORING_SETUP_CQSIZE;
import static dev.weft.io.uring.IoUringConstants.IORING_SETUP_DEFER_TASKRUN;
import static dev.weft.io.uring.IoUringConstants.IORING_SETUP_SINGLE_ISSUER;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IoUringConstantsTest {

    @Test
    void setupFlagsAreDescribedByName() {
        assertThat(IoUringConstants.describeSetupFlags(IoUring.PREFERRED_FLAGS))
                .isEqualTo("CQSIZE|COOP_TASKRUN|SINGLE_ISSUER|DEFER_TASKRUN");
        assertThat(IoUringConstants.describeSetupFlags(0)).isEqualTo("none");
    }

    @Test
    void unknownFeatureBitsAreNamedByPosition() {
        int features = IoUringConstants.IORING_FEAT_SINGLE_MMAP | (1 << 30);
        assertThat(IoUringConstants.describeFeatures(features)).isEqualTo("SINGLE_MMAP|bit30");
    }

    @Test
    void fallbackDropsDeferTaskrunThenSingleIssuerThenCoopThenCqsize() {
        int flags = IoUring.PREFERRED_FLAGS;
        flags = IoUring.weaker(flags);
        assertThat(flags).isEqualTo(
                IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_COOP_TASKRUN | IORING_SETUP_CQSIZE);
        flags = IoUring.weaker(flags);
        assertThat(flags).isEqualTo(IORING_SETUP_COOP_TASKRUN | IORING_SETUP_CQSIZE);
        flags = IoUring.weaker(flags);
        assertThat(flags).isEqualTo(IORING_SETUP_CQSIZE);
        flags = IoUring.weaker(flags);
        assertThat(flags).isZero();
        assertThat(IoUring.weaker(flags)).as("nothing left to drop").isEqualTo(-1);
    }

    @Test
    void fallbackNeverKeepsDeferTaskrunWithoutSingleIssuer() {
        int flags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN;
        assertThat(IoUring.weaker(flags)).isEqualTo(IORING_SETUP_SINGLE_ISSUER);
    }
}
