package dev.weft.io.nio;

/** Receives readiness of a channel registered with a {@link NioDriver}, on the driver's owner thread. */
@FunctionalInterface
public interface NioHandler {

    /** {@code readyOps} is the key's {@link java.nio.channels.SelectionKey#readyOps()}. */
    void onReady(int readyOps);
}
