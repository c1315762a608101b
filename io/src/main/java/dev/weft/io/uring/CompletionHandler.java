package dev.weft.io.uring;

/**
 * Receives the completions of the operations one owner submitted through an
 * {@link IoUringDriver}: called on the ring's owner thread, inside {@code park}, once per CQE
 * whose {@link UserData} names this handler.
 */
@FunctionalInterface
interface CompletionHandler {
    /**
     * @param token the low {@value UserData#TOKEN_BITS} bits the submitter put in user_data
     * @param res the result, or {@code -errno}
     * @param flags {@code IORING_CQE_F_*} bits
     */
    void onCompletion(long token, int res, int flags);
}
