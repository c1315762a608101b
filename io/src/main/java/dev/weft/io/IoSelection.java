package dev.weft.io;

/**
 * What {@code --io=} resolved to and why, for the start-up log.
 *
 * @param backend the backend the workers use
 * @param reason one line: what was asked, what was probed, why this backend
 */
public record IoSelection(IoBackend backend, String reason) {
    @Override
    public String toString() {
        return "I/O backend " + backend.label() + ": " + reason;
    }
}
