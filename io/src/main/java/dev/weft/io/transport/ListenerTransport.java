package dev.weft.io.transport;

import dev.weft.runtime.Context;
import dev.weft.runtime.Poll;
import java.io.IOException;
import java.net.InetSocketAddress;

/** A listening socket as a backend implements it; {@code TcpListener} is its public face. */
public interface ListenerTransport {

    /** The next accepted connection, registered with the polling worker's driver. */
    Poll<StreamTransport> pollAccept(Context cx) throws IOException;

    InetSocketAddress localAddress();

    /** Stops listening and closes the socket. Idempotent; any thread. */
    void close();

    boolean isClosed();
}
