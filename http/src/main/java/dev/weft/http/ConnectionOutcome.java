package dev.weft.http;

/** What {@link Http1Connection#onRead} asks of the transport once it returns. */
public sealed interface ConnectionOutcome {

    /** Send what is in {@code out}, then read more into {@code in} and call again. */
    enum ReadMore implements ConnectionOutcome { INSTANCE }

    /**
     * {@code out} is full and responses are waiting: send {@code out}, then call again with the
     * same {@code in} (its unread bytes are the next requests).
     */
    enum Flush implements ConnectionOutcome { INSTANCE }

    /** Send what is in {@code out}, then close the connection. */
    enum Close implements ConnectionOutcome { INSTANCE }

    /**
     * The client asks to switch protocols (a request without body whose {@link HttpRequest#isUpgrade()};
     * the router is not consulted) and every earlier response is in {@code out}. The caller
     * owns {@code request} (close it) and decides: accept (write 101, hand the connection and the
     * unread bytes of {@code in} to the new protocol) or refuse (write a response and close).
     */
    record Upgrade(HttpRequest request) implements ConnectionOutcome {
    }
}
