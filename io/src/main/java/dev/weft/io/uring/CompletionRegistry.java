package dev.weft.io.uring;

/**
 * Maps the handler id in a CQE's {@link UserData} to its {@link CompletionHandler}; a
 * {@link CqeHandler} that {@link CompletionQueue#drain} feeds directly, with no allocation
 * per completion.
 *
 * <p>Owner thread only (the ring's); not thread-safe. Handlers are never removed: a handler
 * outlives every operation it submitted, since CQEs may still arrive after it stops submitting.
 */
final class CompletionRegistry implements CqeHandler {
    private final CompletionHandler[] handlers = new CompletionHandler[UserData.MAX_HANDLERS];
    /** Owner thread only. The next id {@link #register} hands out. */
    private int nextId;

    /**
     * Adds {@code handler} and returns its id, to {@link UserData#encode} into user_data.
     *
     * @throws IllegalStateException when all {@value UserData#MAX_HANDLERS} ids are taken
     */
    int register(CompletionHandler handler) {
        if (nextId == handlers.length) {
            throw new IllegalStateException(
                    "all " + handlers.length + " completion handler ids are taken");
        }
        handlers[nextId] = handler;
        return nextId++;
    }

    /**
     * @throws IllegalStateException for a handler id nothing registered (a corrupt user_data);
     *     the CQE is consumed regardless (see {@link CompletionQueue#drain})
     */
    @Override
    public void onCqe(long userData, int res, int flags) {
        int id = UserData.handlerId(userData);
        CompletionHandler handler = handlers[id];
        if (handler == null) {
            throw new IllegalStateException(String.format(
                    "CQE for unregistered handler %d; user_data=0x%x res=%d flags=0x%x",
                    id, userData, res, flags));
        }
        handler.onCompletion(UserData.token(userData), res, flags);
    }
}
