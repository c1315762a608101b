package dev.weft.runtime;

/**
 * The result of polling a {@link Future}: ready with a value, or pending.
 *
 * <p>{@link #pending()} is one shared instance, so returning Pending never allocates.
 * {@link #ready(Object)} allocates once per completed future; {@link #readyVoid()} is shared.
 */
public sealed interface Poll<T> permits Poll.Pending, Poll.Ready {

    /** The future cannot complete yet; it has arranged for its waker to be woken. */
    final class Pending<T> implements Poll<T> {
        private static final Pending<?> INSTANCE = new Pending<>();

        private Pending() {}

        @Override
        public String toString() {
            return "Pending";
        }
    }

    /** The future completed with {@code value}. */
    record Ready<T>(T value) implements Poll<T> {}

    Ready<Void> READY_VOID = new Ready<>(null);

    @SuppressWarnings("unchecked")
    static <T> Poll<T> pending() {
        return (Poll<T>) Pending.INSTANCE;
    }

    static <T> Poll<T> ready(T value) {
        return new Ready<>(value);
    }

    static Poll<Void> readyVoid() {
        return READY_VOID;
    }

    default boolean isReady() {
        return this instanceof Ready;
    }

    default boolean isPending() {
        return this instanceof Pending;
    }

    /** The value of a ready poll; throws if pending. */
    default T value() {
        if (this instanceof Ready<T> ready) {
            return ready.value();
        }
        throw new IllegalStateException("value() on a pending poll");
    }
}
