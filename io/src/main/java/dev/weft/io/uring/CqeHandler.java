package dev.weft.io.uring;

/**
 * Receives reaped completions from {@link CompletionQueue#drain}; one call per CQE, on the
 * ring's owner thread, with no allocation per completion.
 */
@FunctionalInterface
public interface CqeHandler {
    /**
     * @param userData the SQE's user data, echoed
     * @param res the result, or {@code -errno}
     * @param flags {@code IORING_CQE_F_*} bits
     */
    void onCqe(long userData, int res, int flags);
}
