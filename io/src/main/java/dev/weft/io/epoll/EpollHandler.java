package dev.weft.io.epoll;

/**
 * Receives the readiness of one fd registered with {@link EpollDriver#register}. Called on the
 * driver's owner thread, inside {@link EpollDriver#park(long)}, once per reported edge.
 */
@FunctionalInterface
public interface EpollHandler {

    /** {@code events} is the kernel's mask ({@code EPOLLIN}, {@code EPOLLOUT}, {@code EPOLLHUP}, ...). */
    void onReady(int events);
}
