package dev.weft.io.uring;

import java.util.List;

/**
 * What {@code io_uring_setup} accepted: the flags asked for first, the flags of the attempt
 * that succeeded, the flag sets refused with EINVAL on the way down, the kernel's feature
 * bits and the ring sizes it chose (rounded up to powers of two).
 */
public record SetupReport(int requestedFlags, int acceptedFlags, List<Integer> rejectedFlagSets,
                          int features, int sqEntries, int cqEntries) {

    public SetupReport {
        rejectedFlagSets = List.copyOf(rejectedFlagSets);
    }

    public boolean hasFeature(int feature) {
        return (features & feature) == feature;
    }

    public boolean hasFlag(int setupFlag) {
        return (acceptedFlags & setupFlag) == setupFlag;
    }

    /** One line for logs: accepted flags, what was refused, features and sizes. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder()
                .append("flags=").append(IoUringConstants.describeSetupFlags(acceptedFlags));
        for (int rejected : rejectedFlagSets) {
            s.append(" (refused EINVAL: ").append(IoUringConstants.describeSetupFlags(rejected))
                    .append(')');
        }
        return s.append(" features=").append(IoUringConstants.describeFeatures(features))
                .append(" sq=").append(sqEntries).append(" cq=").append(cqEntries)
                .toString();
    }
}
