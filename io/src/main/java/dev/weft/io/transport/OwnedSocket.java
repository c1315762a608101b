package dev.weft.io.transport;

/**
 * A socket registered with a driver, as the driver's owner sees it.
 *
 * <p>{@link #closeOnOwner()} does the owner's part of a close (deregister, cancel what is in the
 * kernel, drop the open hold) exactly once, whether the close began on the owner, on another
 * thread that handed it over, or not at all: a driver that closes calls it for every socket
 * still registered, so a hand-off that arrives after the driver stopped cannot leave an fd or
 * a buffer behind.
 */
public interface OwnedSocket {
    /** The owner's part of closing; idempotent. Driver owner only. */
    void closeOnOwner();
}
