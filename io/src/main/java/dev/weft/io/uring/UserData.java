package dev.weft.io.uring;

/**
 * The codec for an SQE's {@code user_data} word as {@link IoUringDriver} uses it: which
 * {@link CompletionHandler} receives the CQE, and a token the handler chose.
 *
 * <pre>
 *  63        56 55                                              0
 * +------------+-------------------------------------------------+
 * | handler id |                     token                       |
 * +------------+-------------------------------------------------+
 * </pre>
 * Handler id {@value #WAKE_HANDLER} is the driver's own wake-up; ids are assigned by
 * {@link CompletionRegistry#register}.
 */
final class UserData {
    static final int HANDLER_BITS = 8;
    static final int TOKEN_BITS = Long.SIZE - HANDLER_BITS;
    /** Handler ids are {@code 0..MAX_HANDLERS-1}. */
    static final int MAX_HANDLERS = 1 << HANDLER_BITS;
    static final long MAX_TOKEN = (1L << TOKEN_BITS) - 1;
    /** The driver's eventfd read and its cancellation. */
    static final int WAKE_HANDLER = 0;

    private UserData() {}

    static long encode(int handlerId, long token) {
        if (handlerId < 0 || handlerId >= MAX_HANDLERS) {
            throw new IllegalArgumentException(
                    "handler id must be 0.." + (MAX_HANDLERS - 1) + "; got " + handlerId);
        }
        if (token < 0 || token > MAX_TOKEN) {
            throw new IllegalArgumentException(
                    "token must be 0.." + MAX_TOKEN + "; got " + token);
        }
        return ((long) handlerId << TOKEN_BITS) | token;
    }

    static int handlerId(long userData) {
        return (int) (userData >>> TOKEN_BITS);
    }

    static long token(long userData) {
        return userData & MAX_TOKEN;
    }
}
